import * as crypto from 'node:crypto';

// One-shot hashing (`crypto.hash`, Node 20.12+) costs a third of a Hash object's create, update
// and digest; older Node 20 releases lack it, so it is looked up rather than imported by name.
const sha256 =
  typeof crypto.hash === 'function'
    ? (text: string) => crypto.hash('sha256', text, 'base64url')
    : (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * The Redis key for a replay key from core. Core's key is token material (signature bytes), so
 * only its SHA-256 is stored: `KEYS`/`MONITOR` or a dump reveal nothing that could be replayed.
 * One key, no hash tag: each check touches exactly one Cluster slot and keys spread over all.
 */
export function redisKey(prefix: string, replayKey: string): string {
  return prefix + sha256(replayKey);
}
