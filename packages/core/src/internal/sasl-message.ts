import { isUtf8 } from 'node:buffer';

// Prosody refuses passwords of 1024 bytes or more (SASLprep); a little slack for the names.
const MAX_MESSAGE_BYTES = 3072;
const MAX_BASE64_CHARS = (MAX_MESSAGE_BYTES / 3) * 4;

/**
 * Decodes a base64 X-TOKEN initial response `authzid NUL authcid NUL token` and hands the message
 * and the positions of its two NULs to `fields`, which slices out what its caller needs (so no
 * intermediate object is made). Undefined (never a throw) unless it is canonical base64 of valid
 * UTF-8 with exactly two NULs and a non-empty authcid and token.
 */
export function readSaslMessage<T>(
  base64: unknown,
  fields: (message: string, first: number, second: number) => T,
): T | undefined {
  if (typeof base64 !== 'string' || base64.length > MAX_BASE64_CHARS) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  // Node's decoder skips what is not base64 (spaces, '-', '_', stray '='); encoding back is the
  // canonical check (padded, standard alphabet, zero trailing bits), cheaper than a regex over
  // the whole value.
  if (bytes.toString('base64') !== base64) return undefined;
  // isUtf8 + toString is several times cheaper than a fatal TextDecoder on this hot path.
  if (!isUtf8(bytes)) return undefined;
  const message = bytes.toString('utf8');
  const first = message.indexOf('\0');
  const second = message.indexOf('\0', first + 1);
  if (first === -1 || second === -1 || message.indexOf('\0', second + 1) !== -1) return undefined;
  // A non-empty authcid and token.
  if (second === first + 1 || second === message.length - 1) return undefined;
  return fields(message, first, second);
}
