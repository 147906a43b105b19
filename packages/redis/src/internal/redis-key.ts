import { createHash } from 'node:crypto';

/**
 * The Redis key for a replay key from core. Core's key is token material (signature bytes), so
 * only its SHA-256 is stored: `KEYS`/`MONITOR` or a dump reveal nothing that could be replayed.
 * One key, no hash tag: each check touches exactly one Cluster slot and keys spread over all.
 */
export function redisKey(prefix: string, replayKey: string): string {
  return prefix + createHash('sha256').update(replayKey, 'utf8').digest('base64url');
}
