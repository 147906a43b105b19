// The probe's report (CLI internals): one exit code per diagnosis, as the README documents.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, type DiagnosisCode } from '../src/cli/probe/probe-report.js';

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
    // The README's table of diagnoses says the same, and lists no other code.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z_]+)` \| ([012]) \|/gm)].map(([, code, exit]) => [
      code,
      Number(exit),
    ]);
    expect(Object.fromEntries(rows)).toEqual(codes);
  });
});
