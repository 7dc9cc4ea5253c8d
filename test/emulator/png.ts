/** Small valid PNGs (RGB, 8-bit) built with zlib, so image models return real images. */
import zlib from 'node:zlib';

const MAX_SIDE = 64;

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** Keeps the aspect ratio but caps each side at 64 px. */
export function cappedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A deterministic gradient whose colours come from the seed. */
export function png(width: number, height: number, seed: number): Buffer {
  const size = cappedSize(width, height);
  const [r0, g0, b0] = [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff];
  const rows: Buffer[] = [];
  for (let y = 0; y < size.height; y++) {
    const row = Buffer.alloc(1 + size.width * 3);
    for (let x = 0; x < size.width; x++) {
      row[1 + x * 3] = (r0 + x * 4) & 0xff;
      row[2 + x * 3] = (g0 + y * 4) & 0xff;
      row[3 + x * 3] = (b0 + (x + y) * 2) & 0xff;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size.width, 0);
  ihdr.writeUInt32BE(size.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
