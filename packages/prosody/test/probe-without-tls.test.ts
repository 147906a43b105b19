// `xmpp-token probe` against a Prosody that does no TLS itself: behind a reverse proxy that
// terminates it (consider_websocket_secure = true), with c2s unencrypted (c2s_require_encryption
// off). Each output is checked for keys and tokens by support/probe.ts.
import { generateKeys } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { probe, probeJson, type ProbeJson } from './support/probe.js';
import { expectLogged, hasProsody, useProsody } from './support/prosody.js';

describe.skipIf(!hasProsody)('xmpp-token probe against Prosody without TLS of its own', () => {
  const keys = generateKeys();
  const suite = useProsody({ ...keys, c2s: 'plain', considerWebsocketSecure: true });
  const stepsOf = (report: ProbeJson) =>
    report.steps.map(({ step, status }) => `${step} ${status}`);
  const c2s = (...more: string[]) => [
    '--jid',
    'alice@localhost',
    '--host',
    '127.0.0.1',
    '--port',
    new URL(suite.server.c2sUrl).port,
    ...more,
  ];

  it('logs in over ws:// with consider_websocket_secure (a TLS proxy in front): exit 0', async () => {
    const args = ['--jid', 'alice@localhost', '--websocket', suite.server.websocketUrl];
    const { code, report } = await probeJson(keys, args);
    expect(code).toBe(0);
    expect(stepsOf(report)).toEqual([
      'connect ok',
      'tls skipped',
      'websocket ok',
      'features ok',
      'x-token ok',
      'auth ok',
      'bind ok',
    ]);
    const human = await probe(keys, args);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ {2}- {6}tls {7}ws:\/\/ \(unencrypted\)$/m);
  });

  it('starttls_unavailable: c2s without STARTTLS, and no token sent in the clear (exit 1)', async () => {
    const mark = suite.logMark();
    const [{ code, report }, human] = await Promise.all([
      probeJson(keys, c2s()),
      probe(keys, c2s()),
    ]);
    expect(code).toBe(1);
    expect(human.code).toBe(1);
    expect(report.diagnosis.code).toBe('starttls_unavailable');
    expect(stepsOf(report)).toEqual(['connect ok', 'features failed']);
    expect(report.attempts).toEqual([]);
    expect(human.stdout).toContain('starttls_unavailable: Prosody offered no STARTTLS');
    // mod_auth_xmpp_token logs every attempt it sees: there was none.
    expect(suite.logSince(mark)).not.toMatch(/X-TOKEN (accepted|refused)/);
  });

  it('--insecure logs in over the unencrypted c2s, and says TLS was skipped', async () => {
    const mark = suite.logMark();
    const { code, report } = await probeJson(keys, c2s('--insecure'));
    // The log the test above reads does show an attempt when there is one.
    await expectLogged(suite, mark, 'X-TOKEN accepted for alice');
    expect(code).toBe(0);
    expect(stepsOf(report)).toEqual([
      'connect ok',
      'features ok',
      'tls skipped',
      'x-token ok',
      'auth ok',
      'bind ok',
    ]);
  });
});
