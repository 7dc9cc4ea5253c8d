// What embedding and image requests produce: a JSON document with the vector, and image files that never
// overwrite earlier ones. Node's fs only (no vscode), so it is tested on plain Node.
import * as fs from 'fs';
import * as path from 'path';
import { imageError, imageFormat, parseEmbeddings, parseImageBytes } from '../models';

export interface EmbeddingDocument {
  modelId: string;
  dimension: number;
  inputTokenCount?: number;
  /** The vector of a single input. */
  vector?: number[];
  /** One vector per input text, when the request embedded several (Cohere `texts`). */
  vectors?: number[][];
}

/** The document shown for an embedding response, or undefined when the response holds no vector. */
export function embeddingDocument(
  modelId: string,
  body: unknown,
  inputTokenHeader?: number,
): EmbeddingDocument | undefined {
  const embeddings = parseEmbeddings(body);
  if (embeddings.length === 0) return undefined;
  const inputTokenCount = embeddings[0].inputTokens ?? inputTokenHeader;
  const doc: EmbeddingDocument = { modelId, dimension: embeddings[0].dimension };
  if (inputTokenCount !== undefined) doc.inputTokenCount = inputTokenCount;
  if (embeddings.length === 1) doc.vector = embeddings[0].vector;
  else doc.vectors = embeddings.map((e) => e.vector);
  return doc;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  extension: 'png' | 'jpeg' | 'webp';
}

/** The images of a response, with the file extension their bytes call for; or what the model said instead. */
export function imagesOf(body: unknown): { images: GeneratedImage[]; error?: string } {
  const images = parseImageBytes(body).map((bytes) => ({ bytes, extension: imageFormat(bytes) ?? 'png' }));
  const error = imageError(body);
  return error ? { images, error } : { images };
}

/** A file-name stem from a request's name (or the request file's name): letters, digits, dots, dashes. */
export function fileStem(text: string): string {
  const stem = text
    .replace(/\.bedrock\.json$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return stem.slice(0, 60) || 'image';
}

/** `2026-11-26T08-30-05`: sortable, and allowed in file names everywhere. */
export function timestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

/**
 * Writes each image as `<stem>-<timestamp>-<n>.<ext>` in `folder` (created when missing). A name already taken is
 * never overwritten: the file is created exclusively and the next free suffix is used. Returns the paths written.
 */
export function writeImages(folder: string, stem: string, images: GeneratedImage[], now = new Date()): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const base = `${stem}-${timestamp(now)}`;
  const written: string[] = [];
  let n = 1;
  for (const image of images) {
    for (;;) {
      const file = path.join(folder, `${base}-${n++}.${image.extension}`);
      try {
        fs.writeFileSync(file, image.bytes, { flag: 'wx' });
        written.push(file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
  return written;
}

/** The document's JSON with each vector on one line, so the metadata stays readable above a long vector. */
export function formatEmbeddingDocument(doc: EmbeddingDocument): string {
  const lines = Object.entries(doc).map(([key, value]) => {
    const text =
      key === 'vectors'
        ? `[\n    ${(value as number[][]).map((v) => JSON.stringify(v)).join(',\n    ')}\n  ]`
        : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
