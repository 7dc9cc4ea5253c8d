// The worker thread of OutlineWorker (outline.ts): computes a request file's outline away from the extension host's
// main thread, so that a large or hostile file never blocks the editor while it is parsed.
import { parentPort } from 'worker_threads';
import { outlineOf } from './outline';

parentPort?.on('message', (message: { id: number; text: string }) => {
  let outline;
  try {
    outline = outlineOf(message.text);
  } catch (error) {
    // Never expected (parsing reports problems, it does not throw); an empty outline keeps the views alive.
    outline = { isArray: false, requests: [], problems: [], error: String(error) };
  }
  parentPort?.postMessage({ id: message.id, outline });
});
