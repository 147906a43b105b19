import { describe, expect, it } from 'vitest';
import { createAt, manualClock, vectors, type ReplaySequence } from './support/vectors.js';

/**
 * Our rule (PROTOCOL.md): every valid token is accepted exactly once, remembered until it can no
 * longer verify. Upstream keeps only the latest OTP's nonces per JID, so a newer token re-opens
 * an older one (and back). A_BADSIG never verifies.
 */
function ourVerdicts(sequence: ReplaySequence): string[] {
  const used = new Set<string>();
  return sequence.steps.map((step) => {
    if (step.token === 'A_BADSIG') return 'bad_signature';
    if (used.has(step.token)) return 'replayed';
    used.add(step.token);
    return 'accept';
  });
}

const upstreamReaccepts = (sequence: ReplaySequence): boolean =>
  ourVerdicts(sequence).some(
    (ours, i) => ours === 'replayed' && sequence.steps[i]?.result === 'accept',
  );

function title(sequence: ReplaySequence): string {
  return upstreamReaccepts(sequence)
    ? `stricter than upstream: ${sequence.id} (upstream re-accepts a used token after a window change; we accept each token exactly once)`
    : `${sequence.id}: as upstream (${sequence.description})`;
}

describe('replay_sequences[]: each token accepted exactly once', () => {
  it('upstream re-accepts used tokens in exactly the two window-change sequences', () => {
    expect(vectors.replay_sequences.filter(upstreamReaccepts).map((s) => s.id)).toEqual([
      'old-window-after-new-window',
      'new-window-after-old-window',
    ]);
  });

  it.each(vectors.replay_sequences.map((s) => [title(s), s] as const))(
    '%s',
    async (_title, sequence) => {
      const clock = manualClock(0);
      const xmppToken = createAt(clock); // one instance for the whole sequence, as upstream
      const verdicts: string[] = [];
      for (const step of sequence.steps) {
        const token = vectors.replay_tokens[step.token]?.token ?? '';
        clock.set(step.verify_unix_ms);
        const result = await xmppToken.verify(step.username, token);
        verdicts.push(result.ok ? 'accept' : result.reason);
      }
      expect(verdicts).toEqual(ourVerdicts(sequence));
      // Wherever we accept, upstream accepted too: our rule only ever removes acceptances.
      verdicts.forEach((ours, i) => {
        if (ours === 'accept') expect(sequence.steps[i]?.result).toBe('accept');
      });
    },
  );
});
