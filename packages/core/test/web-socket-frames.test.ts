// The probe's WebSocket framing (CLI internals), against RFC 6455 section 5.
import { describe, expect, it } from 'vitest';
import {
  createFrameDecoder,
  createMessageAssembler,
  encodeFrame,
  OPCODE,
  type Frame,
} from '../src/cli/xmpp/web-socket-frames.js';

/** A server frame: unmasked, as RFC 6455 requires. */
function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, length])
      : length <= 0xffff
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

function decodeAll(bytes: Buffer, chunkSize: number, maxPayload = 1 << 20): Frame[] {
  const frames: Frame[] = [];
  const decoder = createFrameDecoder((frame) => frames.push(frame), maxPayload);
  for (let i = 0; i < bytes.length; i += chunkSize) decoder.push(bytes.subarray(i, i + chunkSize));
  return frames;
}

describe('encodeFrame', () => {
  it.each([0, 125, 126, 65535, 65536])(
    'masks a %i-byte payload with a length the spec allows',
    (size) => {
      const payload = Buffer.alloc(size, 'x');
      const frame = encodeFrame(OPCODE.text, payload);
      expect(frame[0]).toBe(0x81);
      expect((frame[1] ?? 0) & 0x80).toBe(0x80);
      const code = (frame[1] ?? 0) & 0x7f;
      const offset = code === 126 ? 4 : code === 127 ? 10 : 2;
      const length =
        code === 126
          ? frame.readUInt16BE(2)
          : code === 127
            ? Number(frame.readBigUInt64BE(2))
            : code;
      expect(length).toBe(size);
      const mask = frame.subarray(offset, offset + 4);
      const unmasked = Buffer.from(
        frame.subarray(offset + 4).map((b, i) => b ^ (mask[i & 3] ?? 0)),
      );
      expect(unmasked.equals(payload)).toBe(true);
    },
  );
});

describe('createFrameDecoder', () => {
  it('reads 7-, 16- and 64-bit lengths, whatever the chunking', () => {
    const payloads = [Buffer.from('<open/>'), Buffer.alloc(300, 'a'), Buffer.alloc(70_000, 'b')];
    const bytes = Buffer.concat(payloads.map((p) => serverFrame(OPCODE.text, p)));
    for (const chunkSize of [1, 3, 1000, bytes.length]) {
      const frames = decodeAll(bytes, chunkSize);
      expect(frames.map((f) => f.payload.length)).toEqual([7, 300, 70_000]);
    }
  });

  it('refuses masked server frames, reserved bits and frames over the limit', () => {
    const masked = Buffer.from([0x81, 0x81, 1, 2, 3, 4, 0]);
    expect(() => decodeAll(masked, 10)).toThrow('masked');
    expect(() => decodeAll(Buffer.from([0xc1, 0]), 10)).toThrow('reserved');
    expect(() => decodeAll(serverFrame(OPCODE.text, Buffer.alloc(200)), 10, 100)).toThrow(
      'too large',
    );
  });
});

describe('createMessageAssembler', () => {
  function assemble(frames: readonly Buffer[]) {
    const seen: string[] = [];
    const onFrame = createMessageAssembler({
      onMessage: (data) => seen.push(`message ${data.toString()}`),
      onPing: (payload) => seen.push(`ping ${payload.toString()}`),
      onClose: (code) => seen.push(`close ${code ?? ''}`),
    });
    const decoder = createFrameDecoder(onFrame, 1 << 20);
    for (const frame of frames) decoder.push(frame);
    return seen;
  }

  it('joins fragments, with a ping between them answered on its own', () => {
    const closing = Buffer.from([0x03, 0xe8]);
    expect(
      assemble([
        serverFrame(OPCODE.text, Buffer.from('<a>'), false),
        serverFrame(OPCODE.ping, Buffer.from('hi')),
        serverFrame(OPCODE.continuation, Buffer.from('</a>')),
        serverFrame(OPCODE.close, closing),
      ]),
    ).toEqual(['ping hi', 'message <a></a>', 'close 1000']);
  });

  it('refuses a continuation without a start, and fragmented control frames', () => {
    expect(() => assemble([serverFrame(OPCODE.continuation, Buffer.from('x'))])).toThrow();
    expect(() => assemble([serverFrame(OPCODE.ping, Buffer.from('x'), false)])).toThrow();
  });
});
