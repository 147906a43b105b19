import type { ResolvedOptions } from './resolve-options.js';

const POOL_BYTES = 4096;

/**
 * Uniform decimal digits from a CSPRNG: bytes >= 250 are dropped so `byte % 10` has no bias
 * (the module README's `random.randint` is not a CSPRNG). Random bytes are drawn a pool at a
 * time because one `randomFillSync` call costs more than the digits themselves.
 */
export function createNonceSource(options: ResolvedOptions): () => string {
  const pool = new Uint8Array(POOL_BYTES);
  let offset = POOL_BYTES;
  const { nonceLength, randomFill } = options;
  return () => {
    let nonce = '';
    while (nonce.length < nonceLength) {
      if (offset === POOL_BYTES) {
        randomFill(pool);
        offset = 0;
      }
      const byte = pool[offset++] as number;
      if (byte < 250) nonce += String.fromCharCode(48 + (byte % 10));
    }
    return nonce;
  };
}
