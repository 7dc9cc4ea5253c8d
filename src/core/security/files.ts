// Which files a request file may read (`${file:...}`) and which folders the extension may write into because a
// workspace chose them (bedrock.imageOutputFolder). A repository is untrusted input: a committed symbolic link
// (`notes.txt -> ~/.aws/credentials`, a linked folder, `/proc/self/environ`) must not carry a read or a write out
// of the workspace. Every check works on real paths (fs.realpath) of the target and of each workspace folder.
// Node's fs only (no vscode), so it is tested on plain Node with real links and FIFOs.
import * as fs from 'fs';
import * as path from 'path';

/** The default of bedrock.maxFileVariableBytes: 1 MiB. */
export const DEFAULT_MAX_FILE_VARIABLE_BYTES = 1024 * 1024;
/** The largest file a Converse blob's `${file:...}` reads: Converse takes at most 25 MB (video), less of the rest. */
export const MAX_BLOB_BYTES = 25 * 1024 * 1024;
/** The largest request file read (Testing view, CLI): a request file that big is not one a person wrote. */
export const MAX_REQUEST_FILE_BYTES = 2 * 1024 * 1024;

/** Pseudo-file systems whose "files" are the machine's state (environment, memory, devices), never a prompt. */
const SYSTEM_TREES = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

/** A read or write the rules refuse; the message says which path, why, and what to do instead. */
export class PathRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefusal';
  }
}

function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function realOrResolved(p: string): Promise<string> {
  try {
    return await fs.promises.realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/** The real paths of the workspace folders (a folder that is itself a link counts as where it leads). */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map(realOrResolved));
}

function systemTree(real: string): string | undefined {
  return SYSTEM_TREES.find((tree) => isWithin(tree, real));
}

/** What a non-regular file is, in words. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function describeLink(shown: string, target: string, real: string): string {
  return path.resolve(target) === real ? shown : `${shown} (a link to ${real})`;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 ? 1 : 0)} KiB`;
  return `${bytes} bytes`;
}

const TOO_BIG = (shown: string, size: string, max: number) =>
  `${shown} is ${size}, over the limit of ${sizeText(max)} (bedrock.maxFileVariableBytes). Use a smaller file, or raise the limit in your user settings.`;

export interface ReadInsideOptions {
  /** Workspace folders (or the request file's own folder when it is in none); the real target must be in one. */
  roots: readonly string[];
  /** At most this many bytes are read; a larger file is refused. */
  maxBytes: number;
  /** How the path is shown in messages (the path as written, relative to the request file); default: the path. */
  shown?: string;
}

/**
 * The real path of a file a request file may read, after every check but the read itself: inside a workspace
 * folder by real path, outside /proc, /sys and /dev, an existing regular file. Throws a PathRefusal saying why not.
 */
export async function resolveReadable(
  target: string,
  options: Pick<ReadInsideOptions, 'roots' | 'shown'>,
): Promise<string> {
  const shown = options.shown ?? target;
  let real: string;
  try {
    real = await fs.promises.realpath(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PathRefusal(`${target}: there is no such file.`);
    if (code === 'ELOOP')
      throw new PathRefusal(`${shown} is a loop of symbolic links. Point it at a file inside the workspace.`);
    throw new PathRefusal(`${target}: ${(error as Error).message}.`);
  }
  const tree = systemTree(real);
  if (tree) {
    throw new PathRefusal(
      `${describeLink(shown, target, real)} is in ${tree}, which holds the machine's state, not a file to send. Copy what you need into a file in the workspace.`,
    );
  }
  const roots = await realRoots(options.roots);
  if (!roots.some((root) => isWithin(root, real) && root !== real)) {
    const link = path.resolve(target) !== real;
    throw new PathRefusal(
      `${describeLink(shown, target, real)} is outside the workspace${link ? ' (a symbolic link leads there)' : ''}, and a request file may only read files inside it. ` +
        'Copy what you need into the workspace.',
    );
  }
  const stat = await fs.promises.stat(real);
  if (!stat.isFile())
    throw new PathRefusal(
      `${describeLink(shown, target, real)} is ${kindOf(stat)}, not a regular file. Point the variable at a file.`,
    );
  return real;
}

/**
 * Reads a file for `${file:...}`: resolveReadable's checks, then the bytes through one descriptor opened without
 * following a link and without blocking (a FIFO swapped in after the check is seen by fstat, not waited on), at
 * most maxBytes of them (a file that grows, or a size-0 pseudo-file, cannot slip past the limit).
 */
export async function readFileInside(
  target: string,
  options: ReadInsideOptions,
): Promise<{ text: string; realPath: string }> {
  const { bytes, realPath } = await readBytesInside(target, options);
  return { text: new TextDecoder().decode(bytes), realPath };
}

/** readFileInside's checks and limit, the bytes as they are (a Converse image or document block's `${file:...}`). */
export async function readBytesInside(
  target: string,
  options: ReadInsideOptions,
): Promise<{ bytes: Uint8Array; realPath: string }> {
  const shown = options.shown ?? target;
  const real = await resolveReadable(target, options);
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(real, flags);
  } catch (error) {
    throw new PathRefusal(
      `${shown}: ${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'it became a symbolic link while it was read' : (error as Error).message}.`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new PathRefusal(`${shown} is ${kindOf(stat)}, not a regular file. Point the variable at a file.`);
    if (stat.size > options.maxBytes) throw new PathRefusal(TOO_BIG(shown, sizeText(stat.size), options.maxBytes));
    const buffer = Buffer.alloc(Math.min(options.maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes)
      throw new PathRefusal(TOO_BIG(shown, `more than ${sizeText(options.maxBytes)}`, options.maxBytes));
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length), realPath: real };
  } finally {
    await handle.close();
  }
}

/** Refuses text over the limit (an open editor's unsaved text stands in for the file's bytes). */
export function checkTextSize(text: string, maxBytes: number, shown: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new PathRefusal(TOO_BIG(shown, sizeText(bytes), maxBytes));
}

/** The real path a folder will have once the missing part is created: the existing part's real path plus the rest. */
export async function realFolder(folder: string): Promise<string> {
  const missing: string[] = [];
  let existing = path.resolve(folder);
  for (;;) {
    try {
      const real = await fs.promises.realpath(existing);
      return path.join(real, ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(folder);
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

export interface OutputFolderOptions {
  /** Workspace folders (or the request file's own folder when it is in none). */
  roots: readonly string[];
  /** True when the folder comes from the user's own settings: it may then be anywhere (but never a system tree). */
  chosenByUser: boolean;
  /** The setting, for messages. */
  setting: string;
}

/**
 * The real folder to write into, or a PathRefusal. Inside the workspace by real path; outside it only when the
 * user's own settings point there; never through a symbolic link that leads from the workspace out of it.
 */
export async function checkOutputFolder(folder: string, options: OutputFolderOptions): Promise<string> {
  const real = await realFolder(folder);
  const lexical = path.resolve(folder);
  const tree = systemTree(real);
  if (tree)
    throw new PathRefusal(
      `${options.setting} leads to ${real}, in ${tree}, where nothing is saved. Choose a folder in the workspace.`,
    );
  const roots = await realRoots(options.roots);
  const lexicalRoots = options.roots.map((r) => path.resolve(r));
  if (roots.some((root) => isWithin(root, real))) return real;
  const throughLink =
    lexicalRoots.some((root) => isWithin(root, lexical)) || roots.some((root) => isWithin(root, lexical));
  if (throughLink) {
    throw new PathRefusal(
      `${options.setting} names ${lexical}, which is inside the workspace, but a symbolic link there leads out of it (to ${real}); nothing is saved through it. ` +
        'Remove the link, or choose another folder.',
    );
  }
  if (options.chosenByUser) return real;
  throw new PathRefusal(
    `${options.setting} from the workspace's settings names ${real}, outside the workspace, and a workspace may not choose where files are written outside it. ` +
      'Choose a folder inside the workspace, or set the folder in your user settings.',
  );
}
