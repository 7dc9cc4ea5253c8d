// Reads generated images from Titan Image Generator / Nova Canvas and Stability responses (docs/bedrock-protocol.md §4.11), for
// features that save them; the families' parseResponse only summarises them for reading.
import { asArray, asString, at } from './json';

/** The base64 images of a response: `images` (Titan, Nova Canvas, Stability SD3.5+) or `artifacts[].base64` (SDXL). */
export function parseImages(body: unknown): string[] {
  const images = asArray(at(body, 'images')) ?? (asArray(at(body, 'artifacts')) ?? []).map((a) => at(a, 'base64'));
  return images.map(asString).filter((s): s is string => !!s);
}

/** The decoded bytes of each image in the response. */
export function parseImageBytes(body: unknown): Uint8Array[] {
  return parseImages(body).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** The file format of image bytes, from their signature; undefined when unrecognised. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'webp';
  return undefined;
}

/** The problem an image model reported instead of (or beside) its images: Titan's `error`, Stability's finish reasons. */
export function imageError(body: unknown): string | undefined {
  const reasons = (asArray(at(body, 'finish_reasons')) ?? []).map(asString).filter((s): s is string => !!s);
  return asString(at(body, 'error')) || (reasons.length ? reasons.join('; ') : undefined);
}

export function describeImages(body: unknown): string {
  const bytes = parseImageBytes(body);
  const error = imageError(body);
  const formats = [...new Set(bytes.map((b) => imageFormat(b) ?? 'unknown format'))].join(', ');
  const summary =
    bytes.length === 0
      ? 'The response holds no image.'
      : `${bytes.length === 1 ? 'One image' : `${bytes.length} images`} (${formats}).`;
  return error ? `${summary} The model reported: ${error}` : summary;
}
