// UUIDv7 ids: time-ordered (good index locality on both engines), text, no coordination,
// so rows can later be distributed by tenant without renumbering.

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (bytes: Uint8Array, from: number, to: number) => {
  let out = '';
  for (let i = from; i < to; i++) out += HEX[bytes[i]!];
  return out;
};

// Random bytes are drawn a few kilobytes at a time: one call per id was a noticeable share of an intake.
const pool = new Uint8Array(4096);
let poolUsed = pool.length;
function randomBytes(length: number): Uint8Array {
  if (poolUsed + length > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolUsed = 0;
  }
  poolUsed += length;
  return pool.slice(poolUsed - length, poolUsed);
}

let lastMs = -1;
let sequence = 0;

/**
 * Ids made in one millisecond still sort in the order made (RFC 9562, method 1: the 12 bits after the version
 * count, from a random start; 2,048 a millisecond at least): a parent made just before its child sorts first,
 * which a backup read in id order relies on. A time earlier than the last one (a test clock, generated
 * history) simply gets random bits.
 */
export function newId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  if (now === lastMs && sequence < 0xfff) {
    sequence++;
  } else if (now >= lastMs) {
    lastMs = now;
    sequence = ((bytes[6]! & 0x07) << 8) | bytes[7]!; // the lower half, leaving room to count up
  }
  if (now === lastMs) {
    bytes[6] = sequence >> 8;
    bytes[7] = sequence & 0xff;
  }
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `${hex(bytes, 0, 4)}-${hex(bytes, 4, 6)}-${hex(bytes, 6, 8)}-${hex(bytes, 8, 10)}-${hex(bytes, 10, 16)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random Crockford base-32 text: no I, L, O or U, so it survives being read out on the phone. */
export function randomCode(length: number): string {
  return Array.from(randomBytes(length), (b) => CROCKFORD[b % 32]).join('');
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
