// The probe's diagnoses after X-TOKEN was offered (CLI internals): SASL conditions, clock skew.
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/cli/probe/probe-report.js';
import { clockSkew, diagnoseSaslFailure } from '../src/cli/probe/auth-refusals.js';

describe('diagnoseSaslFailure', () => {
  // Prosody answers each of these to a canonical token from mod_auth_xmpp_token's CONDITIONS
  // table; malformed-request only comes from another X-TOKEN implementation (real Prosody tests
  // in packages/prosody/test/probe*.test.ts cover the others).
  it.each([
    ['temporary-auth-failure', 'temporary_auth_failure'],
    ['malformed-request', 'malformed_request'],
    ['account-disabled', 'sasl_failure'],
  ])('%s -> %s', (condition, code) => {
    const diagnosis = diagnoseSaslFailure({ condition }, 'example.com');
    expect(diagnosis.code).toBe(code);
    expect(exitCodeOf(diagnosis.code)).toBe(1);
    expect(diagnosis.fix.length).toBeGreaterThan(0);
  });
});

describe('clockSkew', () => {
  it('says which way the clock is off', () => {
    expect(clockSkew(-30, { min: -88, max: -57 }).message).toContain('57 to 88 s behind');
    expect(clockSkew(60, { min: 72, max: 103 }).message).toContain('72 to 103 s ahead of');
  });
});
