import { randomBytes } from 'node:crypto';

/** RFC 6455 section 5.2 opcodes. */
export const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** The largest message (all fragments together) the probe accepts. */
export const MAX_MESSAGE_BYTES = 1 << 20;

/** A frame as received; server frames are never masked. */
export interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

/** Raised when the server breaks RFC 6455 framing. */
export class FramingError extends Error {}

/**
 * A client frame (RFC 6455 section 5.3: always masked, with a fresh random key), FIN set: the
 * probe's messages are small and never fragmented.
 */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
  const header = Buffer.alloc(2 + extended);
  header[0] = 0x80 | opcode;
  header[1] = 0x80 | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) header.writeUInt16BE(length, 2);
  if (extended === 8) header.writeBigUInt64BE(BigInt(length), 2);
  const mask = randomBytes(4);
  const masked = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

/**
 * Splits received bytes into frames, whatever the chunking. `maxPayload` bounds one frame, so a
 * server cannot make the probe allocate without limit.
 */
export function createFrameDecoder(
  onFrame: (frame: Frame) => void,
  maxPayload: number,
): { push(chunk: Buffer): void } {
  let chunks: Buffer[] = [];
  let received = 0;
  // Bytes needed before the next frame can be read: chunks are joined only then, so a large
  // frame arriving in small pieces is copied once, not once per piece.
  let needed = 2;
  return {
    push(chunk) {
      chunks.push(chunk);
      received += chunk.length;
      if (received < needed) return;
      let pending = Buffer.concat(chunks);
      for (
        let next = readFrame(pending, maxPayload);
        'frame' in next;
        next = readFrame(pending, maxPayload)
      ) {
        pending = pending.subarray(next.size);
        onFrame(next.frame);
      }
      needed = readFrame(pending, maxPayload).size;
      chunks = [pending];
      received = pending.length;
    },
  };
}

/** The next frame and its size, or (no `frame`) the size needed to read it. */
function readFrame(bytes: Buffer, maxPayload: number): { frame?: Frame; size: number } {
  if (bytes.length < 2) return { size: 2 };
  const first = bytes[0] ?? 0;
  const second = bytes[1] ?? 0;
  // No extension was negotiated, so the reserved bits must be clear.
  if ((first & 0x70) !== 0) throw new FramingError('reserved bits set');
  if ((second & 0x80) !== 0) throw new FramingError('a masked frame from the server');
  const code = second & 0x7f;
  const headerSize = code === 126 ? 4 : code === 127 ? 10 : 2;
  if (bytes.length < headerSize) return { size: headerSize };
  const length =
    code === 126 ? bytes.readUInt16BE(2) : code === 127 ? bytes.readBigUInt64BE(2) : BigInt(code);
  if (BigInt(length) > BigInt(maxPayload)) throw new FramingError('a frame too large');
  const size = headerSize + Number(length);
  if (bytes.length < size) return { size };
  const payload = bytes.subarray(headerSize, size);
  return { frame: { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload }, size };
}

/**
 * Joins fragmented data frames into messages and answers control frames (RFC 6455 section 5.4:
 * control frames may arrive between fragments).
 */
export function createMessageAssembler(handlers: {
  onMessage(data: Buffer): void;
  onPing(payload: Buffer): void;
  onClose(code: number | undefined): void;
}): (frame: Frame) => void {
  let fragments: Buffer[] | undefined;
  let size = 0;
  return (frame) => {
    const { opcode, payload, fin } = frame;
    if (opcode >= OPCODE.close && (!fin || payload.length > 125)) {
      throw new FramingError('a fragmented or oversized control frame');
    }
    if (opcode === OPCODE.ping) return handlers.onPing(payload);
    if (opcode === OPCODE.pong) return undefined;
    if (opcode === OPCODE.close) {
      return handlers.onClose(payload.length >= 2 ? payload.readUInt16BE(0) : undefined);
    }
    if (opcode === OPCODE.continuation) {
      if (fragments === undefined) throw new FramingError('a continuation frame without a start');
      fragments.push(payload);
    } else if (opcode === OPCODE.text || opcode === OPCODE.binary) {
      if (fragments !== undefined) throw new FramingError('a new message inside a fragmented one');
      fragments = [payload];
      size = 0;
    } else {
      throw new FramingError(`an unknown opcode ${opcode}`);
    }
    size += payload.length;
    if (size > MAX_MESSAGE_BYTES) throw new FramingError('a message too large');
    if (fin) {
      handlers.onMessage(Buffer.concat(fragments));
      fragments = undefined;
    }
  };
}
