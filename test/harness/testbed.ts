// What the integration suite, the e2e tests and the demo share: a running emulator and a sandbox that looks like a
// user's machine set up for it (AWS profiles, VS Code user settings, a workspace).
import * as emulatorModule from '../emulator';
import type { RunningEmulator } from '../emulator';
import * as path from 'path';
import { killAll } from './processTree';
import { BEARER_TOKEN, describeLeaks, EMULATOR_CREDENTIALS, scanForSecrets, type Leak } from './secrets';
import { createSandbox, type Sandbox } from './sandbox';
import { copyWorkspace, userSettings, writeAwsProfiles, writeUserSettings } from './userSetup';

export interface Testbed {
  emulator: RunningEmulator;
  sandbox: Sandbox;
  /** The sandbox's copy of test/fixtures/workspace. */
  workspace: string;
  /**
   * Stops everything started since (browser, servers, emulator), then scans the run's files for credentials;
   * removes the sandbox if the run went well and nothing leaked. Resolves to the leaks found.
   */
  close(ok: boolean): Promise<Leak[]>;
}

export interface TestbedOptions {
  /** Extra user settings, merged over the defaults. */
  settings?: Record<string, unknown>;
  emulator?: emulatorModule.EmulatorOptions;
}

export async function createTestbed(label: string, options: TestbedOptions = {}): Promise<Testbed> {
  const sandbox = createSandbox(label);
  let keep = false;
  const leaks: Leak[] = [];
  // Registered first so it runs last, after every process is gone and has flushed its logs. Nothing the run
  // produced may hold a credential (only the throwaway ~/.aws does). A run stopped by Ctrl+C leaves nothing behind.
  sandbox.cleanup.add('sandbox folder', () => {
    leaks.push(...scanForSecrets(sandbox.dir, [path.join(sandbox.home, '.aws')]));
    if (leaks.length) console.error(`[harness] credentials found in files this run produced:\n${describeLeaks(leaks)}`);
    if (keep || leaks.length) console.error(`[harness] logs and workspace kept in ${sandbox.dir}`);
    else sandbox.remove();
  });
  // Whatever is still alive with this run's tag goes (crashpad handlers, for one, are re-parented to init).
  sandbox.cleanup.add('leftover processes', () => killAll([], sandbox.id));
  try {
    return await prepare(
      sandbox,
      options,
      (ok) => {
        keep = !ok;
      },
      leaks,
    );
  } catch (err) {
    keep = true;
    await sandbox.cleanup.close();
    throw err;
  }
}

async function prepare(
  sandbox: Sandbox,
  options: TestbedOptions,
  setOk: (ok: boolean) => void,
  leaks: Leak[],
): Promise<Testbed> {
  const emulator = await emulatorModule.startEmulator({
    credentials: EMULATOR_CREDENTIALS,
    bearerTokens: [BEARER_TOKEN],
    ...options.emulator,
  });
  sandbox.cleanup.add('emulator', () => emulator.close());
  // Tests inside the extension host read the emulator's request log from here.
  sandbox.env.BEDROCK_EMULATOR_URL = emulator.url;
  // Where the SDK's STS client goes for assume-role profiles (the emulator speaks STS AssumeRole).
  sandbox.env.AWS_ENDPOINT_URL_STS = emulator.url;
  writeAwsProfiles(sandbox.home, {
    accessKeyId: emulatorModule.DEFAULT_ACCESS_KEY_ID,
    secretAccessKey: emulatorModule.DEFAULT_SECRET_ACCESS_KEY,
  });
  writeUserSettings(sandbox.userDataDir, userSettings(emulator.url, options.settings));
  const workspace = copyWorkspace(sandbox);
  return {
    emulator,
    sandbox,
    workspace,
    async close(ok) {
      setOk(ok);
      await sandbox.cleanup.close();
      return leaks;
    },
  };
}
