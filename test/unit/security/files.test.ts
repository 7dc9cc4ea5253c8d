// ${file:...} reads and the image folder on a real file system: committed symbolic links out of the workspace (a
// file, a folder, /proc/self/environ), FIFOs, devices, size limits, and folders that lead out through a link.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkOutputFolder,
  checkTextSize,
  PathRefusal,
  readFileInside,
  resolveReadable,
} from '../../../src/core/security';

describe('files a request file may read (${file:...})', () => {
  let base: string;
  let workspace: string;
  let outside: string;
  const roots = () => [workspace];

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-files-'));
    workspace = path.join(base, 'repo');
    outside = path.join(base, 'home');
    fs.mkdirSync(path.join(workspace, 'prompts'), { recursive: true });
    fs.mkdirSync(path.join(outside, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'prompts', 'q.txt'), 'the prompt');
    fs.writeFileSync(path.join(outside, '.aws', 'credentials'), '[default]\naws_secret_access_key = SECRET\n');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const refusal = async (target: string, maxBytes = 1024 * 1024, rootsOf = roots()): Promise<string> => {
    const error = await readFileInside(target, { roots: rootsOf, maxBytes }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof PathRefusal, `expected a refusal for ${target}, got ${String(error)}`);
    return error.message;
  };

  it('reads a regular file inside the workspace, and through a link that stays inside it', async () => {
    fs.symlinkSync(path.join(workspace, 'prompts', 'q.txt'), path.join(workspace, 'alias.txt'));
    assert.equal(
      (await readFileInside(path.join(workspace, 'prompts', 'q.txt'), { roots: roots(), maxBytes: 100 })).text,
      'the prompt',
    );
    const viaLink = await readFileInside(path.join(workspace, 'alias.txt'), { roots: roots(), maxBytes: 100 });
    assert.equal(viaLink.text, 'the prompt');
    assert.equal(viaLink.realPath, fs.realpathSync(path.join(workspace, 'prompts', 'q.txt')));
  });

  it('refuses a committed link to a file outside the workspace (~/.aws/credentials), naming the link and its target', async () => {
    const link = path.join(workspace, 'notes.txt');
    fs.symlinkSync(path.relative(workspace, path.join(outside, '.aws', 'credentials')), link);
    const message = await refusal(link);
    assert.match(
      message,
      /notes\.txt \(a link to .*\.aws[/\\]credentials\) is outside the workspace \(a symbolic link leads there\)/,
    );
    assert.match(message, /Copy what you need into the workspace/);
    assert.doesNotMatch(message, /SECRET/);
  });

  it('refuses a file reached through a linked folder that leaves the workspace', async () => {
    fs.symlinkSync(path.join(outside, '.aws'), path.join(workspace, 'config'));
    assert.match(
      await refusal(path.join(workspace, 'config', 'credentials')),
      /is outside the workspace \(a symbolic link leads there\)/,
    );
  });

  it('refuses a link to /proc/self/environ, and /proc, /sys and /dev even when the workspace is the root folder', async () => {
    const link = path.join(workspace, 'env.txt');
    fs.symlinkSync('/proc/self/environ', link);
    assert.match(
      await refusal(link),
      /env\.txt \(a link to \/proc\/\d+\/environ\) is in \/proc, which holds the machine's state/,
    );
    assert.match(await refusal('/proc/self/environ', 1024 * 1024, ['/']), /is in \/proc/);
    assert.match(await refusal('/dev/zero', 1024 * 1024, ['/']), /is in \/dev/);
  });

  it('refuses a FIFO inside the workspace without waiting on it, and a folder', async () => {
    const fifo = path.join(workspace, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.match(await refusal(fifo), /pipe\.txt is a named pipe \(FIFO\), not a regular file/);
    assert.ok(Date.now() - started < 1000, 'a FIFO is refused at once, not read');
    assert.match(await refusal(path.join(workspace, 'prompts')), /prompts is a folder, not a regular file/);
  });

  it('refuses a file over the size limit, saying its size, the limit and the setting', async () => {
    fs.writeFileSync(path.join(workspace, 'big.txt'), Buffer.alloc(3 * 1024, 'a'));
    assert.match(
      await refusal(path.join(workspace, 'big.txt'), 2048),
      /big\.txt is 3 KiB, over the limit of 2 KiB \(bedrock\.maxFileVariableBytes\)/,
    );
    assert.equal(
      (await readFileInside(path.join(workspace, 'big.txt'), { roots: roots(), maxBytes: 3 * 1024 })).text.length,
      3 * 1024,
    );
    assert.throws(() => checkTextSize('é'.repeat(600), 1000, 'open.txt'), /open\.txt is 1\.2 KiB, over the limit/);
    assert.doesNotThrow(() => checkTextSize('é'.repeat(500), 1000, 'open.txt'));
  });

  it('refuses a missing file, a dangling link and a loop of links with what is wrong', async () => {
    assert.match(await refusal(path.join(workspace, 'nope.txt')), /nope\.txt: there is no such file/);
    fs.symlinkSync(path.join(workspace, 'gone.txt'), path.join(workspace, 'dangling.txt'));
    assert.match(await refusal(path.join(workspace, 'dangling.txt')), /dangling\.txt: there is no such file/);
    fs.symlinkSync(path.join(workspace, 'b'), path.join(workspace, 'a'));
    fs.symlinkSync(path.join(workspace, 'a'), path.join(workspace, 'b'));
    assert.match(await refusal(path.join(workspace, 'a')), /a loop of symbolic links/);
  });

  it("compares real paths: a workspace opened through a link reads its own files, not the link target's siblings", async () => {
    const linkedWorkspace = path.join(base, 'linked-repo');
    fs.symlinkSync(workspace, linkedWorkspace);
    assert.equal(
      await resolveReadable(path.join(linkedWorkspace, 'prompts', 'q.txt'), { roots: [linkedWorkspace] }),
      fs.realpathSync(path.join(workspace, 'prompts', 'q.txt')),
    );
    assert.match(
      await refusal(path.join(linkedWorkspace, '..', 'home', '.aws', 'credentials'), 1024, [linkedWorkspace]),
      /outside the workspace/,
    );
    // A prefix of the name is not a parent folder: repo-evil is not inside repo.
    fs.mkdirSync(path.join(base, 'repo-evil'));
    fs.writeFileSync(path.join(base, 'repo-evil', 'x.txt'), 'x');
    assert.match(await refusal(path.join(base, 'repo-evil', 'x.txt')), /outside the workspace/);
  });
});

describe('the image output folder', () => {
  let base: string;
  let workspace: string;
  let outside: string;

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-out-'));
    workspace = path.join(base, 'repo');
    outside = path.join(base, 'elsewhere');
    fs.mkdirSync(workspace);
    fs.mkdirSync(outside);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const check = (folder: string, chosenByUser: boolean) =>
    checkOutputFolder(folder, { roots: [workspace], chosenByUser, setting: 'bedrock.imageOutputFolder' });

  it('accepts a folder inside the workspace that does not exist yet, as its future real path', async () => {
    assert.equal(
      await check(path.join(workspace, 'bedrock-output', 'deep'), false),
      path.join(fs.realpathSync(workspace), 'bedrock-output', 'deep'),
    );
  });

  it('refuses a folder outside the workspace that the workspace chose, and accepts it from user settings', async () => {
    await assert.rejects(
      check(outside, false),
      /from the workspace's settings names .*elsewhere, outside the workspace.*set the folder in your user settings/,
    );
    assert.equal(await check(outside, true), fs.realpathSync(outside));
  });

  it('refuses a committed link inside the workspace that leads out of it, whoever chose the folder', async () => {
    fs.symlinkSync(outside, path.join(workspace, 'bedrock-output'));
    await assert.rejects(
      check(path.join(workspace, 'bedrock-output'), false),
      /inside the workspace, but a symbolic link there leads out of it/,
    );
    await assert.rejects(
      check(path.join(workspace, 'bedrock-output', 'new'), true),
      /a symbolic link there leads out of it/,
    );
  });

  it('refuses /proc, /sys and /dev even from user settings', async () => {
    await assert.rejects(check('/dev/shm/x', true), /in \/dev, where nothing is saved/);
  });
});
