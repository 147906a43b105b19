// An independent TOTP (node:crypto only) for tests that check which seed a code comes from.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, strict: an independent decoder for the tests. */
export function base32(text: string): Buffer {
  let bits = '';
  for (const char of text) bits += ALPHABET.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** RFC 4648 base32 without padding, for seeds made by the tests. */
export function encodeBase32(bytes: Uint8Array): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  const groups = bits.match(/.{1,5}/g) ?? [];
  return groups.map((group) => ALPHABET[parseInt(group.padEnd(5, '0'), 2)]).join('');
}

/** RFC 6238 TOTP, HMAC-SHA1, 8 digits, 30 s: an independent reference. */
export function totp(key: Buffer, unixMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[19] ?? 0) & 0xf;
  return String(mac.readUInt32BE(offset) & 0x7fffffff)
    .padStart(10, '0')
    .slice(-8);
}
