// `xmpp-token probe` (core's CLI) against one real Prosody with Prosody's defaults (TLS first:
// STARTTLS, direct TLS, HTTPS; consider_websocket_secure off) and a VirtualHost per failure mode.
// Each mode is run twice, human and --json, and neither output may hold a key or a token.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeys } from '@xmpp-token/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { probe, probeJson, type ProbeJson } from './support/probe.js';
import { hasProsody, useProsody, type ProsodySuite } from './support/prosody.js';

/** The extra VirtualHosts, each misconfigured in one way, with the suite's keys. */
function virtualHosts(keys: { tokenSecret: string; otpSeed: string }): string {
  const host = (name: string, ...lines: string[]) =>
    [`VirtualHost "${name}"`, ...lines].join('\n  ');
  const keyLines = [`token_secret = "${keys.tokenSecret}"`, `otp_seed = "${keys.otpSeed}"`];
  return [
    // Another auth provider: mechanisms, but not X-TOKEN.
    host('hashed.localhost', 'authentication = "internal_hashed"'),
    // The module refuses to load (a seed that is not base32): no mechanism at all.
    host(
      'broken.localhost',
      'authentication = "xmpp_token"',
      `token_secret = "${keys.tokenSecret}"`,
      'otp_seed = "not base32!"',
    ),
    // A replay memory of one token: the second login inside 90 s is refused.
    host(
      'limited.localhost',
      'authentication = "xmpp_token"',
      ...keyLines,
      'xmpp_token_replay_limit = 1',
    ),
    // No certificate (the launcher's names localhost, which *.localhost falls back to): Prosody
    // offers STARTTLS and then fails the handshake ("no shared cipher").
    host('notls.test', 'authentication = "xmpp_token"', ...keyLines),
  ].join('\n');
}

const STARTTLS_STEPS = ['connect', 'features', 'tls', 'x-token', 'auth', 'bind'];

describe.skipIf(!hasProsody)('xmpp-token probe against Prosody’s defaults (TLS first)', () => {
  const keys = generateKeys();
  const suite: ProsodySuite = useProsody({
    ...keys,
    c2s: 'starttls',
    directTls: true,
    https: true,
    considerWebsocketSecure: false,
    globalLua: virtualHosts(keys),
  });
  let ca = '';
  const c2s = (jid: string, ...more: string[]) => [
    '--jid',
    jid,
    '--host',
    '127.0.0.1',
    '--port',
    new URL(suite.server.c2sUrl).port,
    ...more,
  ];
  const trusted = (jid: string) => c2s(jid, '--ca', ca);
  /** Both outputs of one failure mode: the exit code, the report, and the human text. */
  const both = async (args: readonly string[], env: Record<string, string> = {}) => {
    const [json, human] = await Promise.all([probeJson(keys, args, env), probe(keys, args, env)]);
    expect(human.code).toBe(json.code);
    expect(human.stdout).toContain(`${json.report.diagnosis.code}: `);
    return { ...json, text: human.stdout };
  };
  const stepsOf = (report: ProbeJson) =>
    report.steps.map(({ step, status }) => `${step} ${status}`);

  beforeAll(() => {
    ca = join(suite.server.directory, 'probe-ca.pem');
    writeFileSync(ca, suite.server.certificate ?? '');
  });

  it('logs in over c2s STARTTLS with the certificate trusted (--ca): exit 0, every step ok', async () => {
    const { code, report, text } = await both(trusted('alice@localhost'));
    expect(code).toBe(0);
    expect(report).toMatchObject({
      ok: true,
      jid: 'alice@localhost',
      diagnosis: { code: 'ok', fix: [] },
    });
    expect(report.target).toBe(suite.server.c2sUrl);
    expect(stepsOf(report)).toEqual(STARTTLS_STEPS.map((step) => `${step} ok`));
    expect(report.steps[2]?.detail).toMatch(/^STARTTLS, TLSv1\.[23], certificate verified$/);
    expect(report.steps[5]?.detail).toMatch(/^alice@localhost\/.+/);
    expect(report.attempts).toEqual([
      { offsetSeconds: 0, outcome: 'accepted', ms: expect.any(Number) },
    ]);
    expect(text).toMatch(/^ {2}ok {5}bind {6}alice@localhost\/\S+ \(\d+ ms\)$/m);
    expect(text).toMatch(
      /^ok: Logged in as alice@localhost\/\S+ with a freshly minted X-TOKEN\.$/m,
    );
  });

  it('logs in over direct TLS (XEP-0368) and over wss://', async () => {
    const directPort = new URL(suite.server.directTlsUrl ?? '').port;
    const direct = await both([
      '--jid',
      'alice@localhost',
      '--host',
      '127.0.0.1',
      '--port',
      directPort,
      '--direct-tls',
      '--ca',
      ca,
    ]);
    expect(direct.code).toBe(0);
    expect(stepsOf(direct.report)).toEqual(
      ['connect', 'tls', 'features', 'x-token', 'auth', 'bind'].map((s) => `${s} ok`),
    );
    expect(direct.report.target).toBe(suite.server.directTlsUrl);
    const wss = await both([
      '--jid',
      'alice@localhost',
      '--websocket',
      suite.server.secureWebsocketUrl ?? '',
      '--ca',
      ca,
    ]);
    expect(wss.code).toBe(0);
    expect(stepsOf(wss.report)).toEqual(
      ['connect', 'tls', 'websocket', 'features', 'x-token', 'auth', 'bind'].map((s) => `${s} ok`),
    );
  });

  it('tls_failed: a self-signed certificate not trusted (exit 2); --insecure goes on and says so', async () => {
    const untrusted = await both(c2s('alice@localhost'));
    expect(untrusted.code).toBe(2);
    expect(untrusted.report.diagnosis.code).toBe('tls_failed');
    expect(stepsOf(untrusted.report)).toEqual(['connect ok', 'features ok', 'tls failed']);
    expect(untrusted.report.diagnosis.fix.join('\n')).toContain('--ca <file>');
    const insecure = await probeJson(keys, c2s('alice@localhost', '--insecure'));
    expect(insecure.code).toBe(0);
    expect(insecure.report.steps[2]?.detail).toContain(
      'certificate NOT verified (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
  });

  it('tls_failed: --direct-tls on the STARTTLS port, with the hint about the port kinds', async () => {
    const { code, report } = await both(c2s('alice@localhost', '--direct-tls', '--insecure'));
    expect(code).toBe(2);
    expect(report.diagnosis.code).toBe('tls_failed');
    expect(report.diagnosis.message).toMatch(
      /\(ERR_SSL_\w+\): the server does not speak TLS on this port/,
    );
    expect(report.diagnosis.fix.join('\n')).toContain('a direct TLS port needs --direct-tls');
  });

  it('host_unknown: a JID whose domain is no VirtualHost here (exit 1)', async () => {
    const { code, report, text } = await both(trusted('alice@elsewhere.test'));
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('host_unknown');
    expect(stepsOf(report)).toEqual(['connect ok', 'features failed']);
    expect(text).toContain('  VirtualHost "elsewhere.test"');
  });

  it('tls_failed: STARTTLS offered for a VirtualHost without a certificate, handshake refused', async () => {
    const { code, report } = await both(c2s('alice@notls.test', '--insecure'));
    expect(code).toBe(2);
    expect(report.diagnosis.code).toBe('tls_failed');
    expect(report.diagnosis.message).toContain('it has no certificate for "notls.test"');
    expect(report.diagnosis.fix).toContain(
      'sudo prosodyctl --root cert import /etc/letsencrypt/live',
    );
    expect(stepsOf(report)).toEqual(['connect ok', 'features ok', 'tls failed']);
  });

  it('insecure_connection: ws:// without consider_websocket_secure (exit 1), with the line that fixes it', async () => {
    const { code, report, text } = await both([
      '--jid',
      'alice@localhost',
      '--websocket',
      suite.server.websocketUrl,
    ]);
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('insecure_connection');
    expect(stepsOf(report)).toEqual([
      'connect ok',
      'tls skipped',
      'websocket ok',
      'features ok',
      'x-token failed',
    ]);
    expect(text).toMatch(/^ {2}consider_websocket_secure = true$/m);
  });

  it('x_token_not_offered: another auth provider (exit 1), naming what it offers', async () => {
    const { code, report, text } = await both(c2s('alice@hashed.localhost', '--insecure'));
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('x_token_not_offered');
    expect(report.diagnosis.message).toContain('PLAIN');
    expect(text).toMatch(/^ {4}authentication = "xmpp_token"$/m);
  });

  it('no_mechanisms: the module failed to load (a bad otp_seed) on an encrypted stream (exit 1)', async () => {
    const { code, report } = await both(c2s('alice@broken.localhost', '--insecure'));
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('no_mechanisms');
    expect(report.diagnosis.fix).toContain('  otp_seed = "<XMPP_OTP_SEED>"');
    expect(suite.server.readLog()).toContain(
      "Error initializing module 'auth_xmpp_token' on 'broken.localhost'",
    );
  });

  it('wrong_keys: another token_secret, refused now and 30 and 60 s either side (exit 1)', async () => {
    const other = { XMPP_TOKEN_SECRET: generateKeys().tokenSecret };
    const { code, report } = await both(trusted('alice@localhost'), other);
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('wrong_keys');
    expect(report.attempts.map((a) => `${a.offsetSeconds} ${a.outcome}`)).toEqual(
      [0, -30, 30, -60, 60].map((offset) => `${offset} not-authorized`),
    );
  });

  it('clock_skew: an app clock 65 s ahead or behind; the skew range it reports holds the truth', async () => {
    for (const appAheadMs of [65_000, -65_000]) {
      const now = String(Date.now() + appAheadMs);
      const { code, report } = await probeJson(keys, [...trusted('alice@localhost'), '--now', now]);
      expect(code).toBe(1);
      expect(report.diagnosis.code).toBe('clock_skew');
      expect(report.attempts[0]?.outcome).toBe('not-authorized');
      expect(report.attempts.at(-1)?.outcome).toBe('accepted');
      expect(stepsOf(report).slice(-2)).toEqual(['auth failed', 'bind ok']);
      // Prosody's clock minus the app's is -65 s (or +65 s), give or take the CLI's start-up.
      const { min = 0, max = 0 } = report.diagnosis.skewSeconds ?? {};
      const truth = -appAheadMs / 1000;
      expect(min).toBeLessThanOrEqual(truth + 5);
      expect(max).toBeGreaterThanOrEqual(truth);
      expect(max - min).toBeLessThanOrEqual(35);
    }
    const behind = await probe(keys, [
      ...trusted('alice@localhost'),
      '--now',
      String(Date.now() - 65_000),
    ]);
    expect(behind.stdout).toMatch(/^clock_skew: .* its clock is \d+ to \d+ s ahead of the app's/m);
    expect(behind.stdout).toMatch(/^ {19}tokens minted now: not-authorized, .*: accepted$/m);
  });

  it('temporary_auth_failure: the replay memory is full (xmpp_token_replay_limit = 1) (exit 1)', async () => {
    const first = await probe(keys, c2s('alice@limited.localhost', '--insecure'));
    expect(first.code).toBe(0);
    const { code, report } = await both(c2s('alice@limited.localhost', '--insecure'));
    expect(code).toBe(1);
    expect(report.diagnosis.code).toBe('temporary_auth_failure');
    expect(report.attempts).toEqual([
      { offsetSeconds: 0, outcome: 'temporary-auth-failure', ms: expect.any(Number) },
    ]);
  });

  it('websocket_failed: a path Prosody serves nothing on (exit 2)', async () => {
    const url = suite.server.websocketUrl.replace('/xmpp-websocket', '/nothing-here');
    const { code, report } = await both(['--jid', 'alice@localhost', '--websocket', url]);
    expect(code).toBe(2);
    expect(report.diagnosis).toMatchObject({
      code: 'websocket_failed',
      message: expect.stringContaining('404'),
    });
  });

  it('connection_closed: the direct TLS port probed for STARTTLS drops the connection (exit 2)', async () => {
    const directPort = new URL(suite.server.directTlsUrl ?? '').port;
    const args = ['--jid', 'alice@localhost', '--host', '127.0.0.1', '--port', directPort];
    const { code, report } = await both(args);
    expect(code).toBe(2);
    expect(report.diagnosis.code).toBe('connection_closed');
    expect(report.diagnosis.fix.join('\n')).toContain('a direct TLS port needs --direct-tls');
  });

  it('timeout: Prosody’s HTTP port probed as c2s says nothing back (exit 2)', async () => {
    const httpPort = new URL(suite.server.websocketUrl).port;
    const args = [
      '--jid',
      'alice@localhost',
      '--host',
      '127.0.0.1',
      '--port',
      httpPort,
      '--timeout',
      '1',
    ];
    const { code, report } = await both(args);
    expect(code).toBe(2);
    expect(report.diagnosis.code).toBe('timeout');
    expect(stepsOf(report)).toEqual(['connect ok', 'features failed']);
  });
});
