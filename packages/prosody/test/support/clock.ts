// Live-clock helpers: tokens are minted with clocks offset from now, and verified by a Prosody
// reading the real clock, so each test first makes sure the 30 s step will not change under it.
import { createXmppToken, type GeneratedKeys, type MintedToken } from '@xmpp-token/core';

export const STEP_MS = 30_000;

/**
 * Waits, if needed, until at least `marginMs` of the current 30 s step remain, and returns the
 * step number. Verdicts that depend on the step then hold for `marginMs`.
 */
export async function settledStep(marginMs = 10_000): Promise<number> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return Math.floor(Date.now() / STEP_MS);
}

/** A token for `user` minted by core at `atMs` (a clock that may be far from now). */
export function mintAt(
  keys: GeneratedKeys,
  domain: string,
  user: string,
  atMs: number = Date.now(),
): MintedToken {
  return createXmppToken({ ...keys, domain, clock: () => atMs }).mint(user);
}
