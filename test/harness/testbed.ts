// What the integration suite, the e2e tests and the demo share: a running emulator and a sandbox that looks like a
// user's machine set up for it (AWS profiles, VS Code user settings, a workspace).
import * as emulatorModule from '../emulator';
import type { RunningEmulator } from '../emulator';
import { killAll } from './processTree';
import { createSandbox, type Sandbox } from './sandbox';
import { copyWorkspace, userSettings, writeAwsProfiles, writeUserSettings } from './userSetup';

export interface Testbed {
  emulator: RunningEmulator;
  sandbox: Sandbox;
  /** The sandbox's copy of test/fixtures/workspace. */
  workspace: string;
  /** Stops everything started since (browser, servers, emulator); removes the sandbox if the run went well. */
  close(ok: boolean): Promise<void>;
}

export interface TestbedOptions {
  /** Extra user settings, merged over the defaults. */
  settings?: Record<string, unknown>;
  emulator?: emulatorModule.EmulatorOptions;
}

export async function createTestbed(label: string, options: TestbedOptions = {}): Promise<Testbed> {
  const sandbox = createSandbox(label);
  let keep = false;
  // Registered first so it runs last, after every process is gone. A run stopped by Ctrl+C leaves nothing behind.
  sandbox.cleanup.add('sandbox folder', () => {
    if (keep) console.error(`[harness] logs and workspace kept in ${sandbox.dir}`);
    else sandbox.remove();
  });
  // Whatever is still alive with this run's tag goes (crashpad handlers, for one, are re-parented to init).
  sandbox.cleanup.add('leftover processes', () => killAll([], sandbox.id));
  try {
    return await prepare(sandbox, options, (ok) => { keep = !ok; });
  } catch (err) {
    keep = true;
    await sandbox.cleanup.close();
    throw err;
  }
}

async function prepare(sandbox: Sandbox, options: TestbedOptions, setOk: (ok: boolean) => void): Promise<Testbed> {
  const emulator = await emulatorModule.startEmulator(options.emulator);
  sandbox.cleanup.add('emulator', () => emulator.close());
  // Tests inside the extension host read the emulator's request log from here.
  sandbox.env.BEDROCK_EMULATOR_URL = emulator.url;
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
    },
  };
}
