// The probe's diagnoses (CLI internals): SASL conditions, exit codes, and no key in any fix line.
import { describe, expect, it } from 'vitest';
import { exitCodeOf, type DiagnosisCode } from '../src/cli/probe/probe-report.js';
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

describe('exitCodeOf', () => {
  it('is 0 for a login, 1 for a refusal, 2 when no XMPP conversation happened', () => {
    const codes: Record<DiagnosisCode, 0 | 1 | 2> = {
      ok: 0,
      host_unknown: 1,
      starttls_unavailable: 1,
      insecure_connection: 1,
      no_mechanisms: 1,
      x_token_not_offered: 1,
      clock_skew: 1,
      wrong_keys: 1,
      temporary_auth_failure: 1,
      malformed_request: 1,
      sasl_failure: 1,
      bind_failed: 1,
      stream_error: 1,
      unreachable: 2,
      tls_failed: 2,
      websocket_failed: 2,
      not_xmpp: 2,
      timeout: 2,
      connection_closed: 2,
    };
    for (const [code, exit] of Object.entries(codes)) {
      expect(exitCodeOf(code as DiagnosisCode), code).toBe(exit);
    }
  });
});
