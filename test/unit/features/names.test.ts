import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../../../src/features/commands';
import { SETTING_KEYS, settingId } from '../../../src/features/config/keys';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
    menus: Record<string, Array<{ command: string }>>;
    keybindings: Array<{ command: string }>;
  };
};

describe('tables of names', () => {
  it('the command table holds exactly the commands package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
  });

  it('every command a menu or key binding names is in the command table', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    const named = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map(
      (m) => m.command,
    );
    assert.deepEqual(
      named.filter((c) => !known.has(c)),
      [],
    );
  });

  it('the setting table holds exactly the settings package.json contributes', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(SETTING_KEYS.map(settingId).sort(), contributed);
  });
});
