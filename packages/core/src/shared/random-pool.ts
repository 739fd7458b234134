import { randomFillSync } from 'node:crypto';

const poolBytes = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `size` bytes from the operating system's CSPRNG, drawn from a pool filled 4 KiB at a time
 * (as Node's own `randomUUID` does): one call into the CSPRNG serves many ids and tokens
 * instead of one each. Every byte is handed out once; a refill takes a new buffer, so bytes
 * already handed out are never overwritten.
 */
export function randomPoolBytes(size: number): Buffer {
  if (size > poolBytes) return randomFillSync(Buffer.allocUnsafe(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(poolBytes));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
