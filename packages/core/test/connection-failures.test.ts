// The probe's diagnoses before a login (CLI internals): each failure kind to one code, and the
// probe's client kept out of the library's built entry points.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindFailed } from '../src/cli/probe/auth-refusals.js';
import { diagnoseFailure, type ConnectionContext } from '../src/cli/probe/connection-failures.js';
import { exitCodeOf } from '../src/cli/probe/probe-report.js';
import { XmppFailure, type XmppFailureKind } from '../src/cli/xmpp/xmpp-failure.js';

const context: ConnectionContext = {
  domain: 'example.com',
  transport: 'starttls',
  address: 'xmpp://xmpp.example.com:5222',
  timeoutMs: 10_000,
};

describe('diagnoseFailure', () => {
  it.each<[XmppFailureKind, string | undefined, string]>([
    ['unreachable', 'ECONNREFUSED', 'unreachable'],
    ['tls', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'tls_failed'],
    ['websocket', '404', 'websocket_failed'],
    ['not-xmpp', undefined, 'not_xmpp'],
    ['timeout', undefined, 'timeout'],
    ['closed', undefined, 'connection_closed'],
    ['stream-error', 'host-unknown', 'host_unknown'],
    ['stream-error', 'policy-violation', 'stream_error'],
  ])('%s (%s) -> %s', (kind, condition, code) => {
    const failure = new XmppFailure(kind, `a ${kind} failure`, { condition, text: 'why' });
    const diagnosis = diagnoseFailure(failure, context);
    expect(diagnosis.code).toBe(code);
    expect(diagnosis.fix.length).toBeGreaterThan(0);
    expect(exitCodeOf(diagnosis.code)).toBe(kind === 'stream-error' ? 1 : 2);
  });

  it('quotes a stream error’s condition and text', () => {
    const failure = new XmppFailure('stream-error', 'x', {
      condition: 'policy-violation',
      text: 'too big',
    });
    expect(diagnoseFailure(failure, context).message).toBe(
      'Prosody ended the stream: policy-violation ("too big").',
    );
    expect(bindFailed('not-allowed')).toMatchObject({
      code: 'bind_failed',
      message: expect.stringContaining('not-allowed'),
    });
  });
});

describe('the built package', () => {
  it('keeps the probe’s network client in dist/cli.js only', () => {
    const dist = new URL('../dist/', import.meta.url);
    const library = readdirSync(dist).filter((f) => /\.(c?js)$/.test(f) && f !== 'cli.js');
    expect(library.length).toBeGreaterThan(0);
    // tsup drops the `node:` prefix: `from 'tls'` in ESM, `require("tls")` in CJS.
    const client = /(?:from |require\()['"](?:node:)?(?:net|tls)['"]|xmpp-framing/;
    for (const file of library) {
      expect(readFileSync(new URL(file, dist), 'utf8'), file).not.toMatch(client);
    }
    expect(readFileSync(new URL('cli.js', dist), 'utf8')).toMatch(client);
  });
});
