/**
 * A token attempt seen on the app's clock: Prosody accepts the token while its own clock is in
 * `[validFrom, validUntil)` (the mint step and one either side), and read its clock somewhere
 * between `sentAt` and `answeredAt`.
 */
export interface TimedAttempt {
  readonly validFrom: number;
  readonly validUntil: number;
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly accepted: boolean;
}

/**
 * The range of Prosody's clock minus the app's (ms) that the attempts allow, assuming each
 * refusal was for time only; undefined when none was accepted. The accepted attempt bounds it;
 * each refused one trims what it rules out at either end.
 */
export function skewRange(
  attempts: readonly TimedAttempt[],
): { readonly min: number; readonly max: number } | undefined {
  const accepted = attempts.find((attempt) => attempt.accepted);
  if (accepted === undefined) return undefined;
  // Accepted: validFrom <= check + skew < validUntil for some check in [sentAt, answeredAt].
  let min = accepted.validFrom - accepted.answeredAt;
  let max = accepted.validUntil - accepted.sentAt;
  for (const refused of attempts.filter((attempt) => !attempt.accepted)) {
    // Refused: the skews that would have made it valid whenever Prosody checked are ruled out.
    const from = refused.validFrom - refused.sentAt;
    const until = refused.validUntil - refused.answeredAt;
    if (from <= min && until > min) min = until;
    if (until >= max && from < max) max = from;
  }
  return min <= max ? { min, max } : undefined;
}
