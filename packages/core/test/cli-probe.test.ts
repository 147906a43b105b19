// `xmpp-token probe` without a Prosody: usage errors, and servers that are not there or not
// XMPP. Against real Prosody, each diagnosis: packages/prosody/test/probe*.test.ts.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const secret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7-hunter2';
const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const env = { PATH: process.env.PATH ?? '', XMPP_TOKEN_SECRET: secret, XMPP_OTP_SEED: seed };
const probe = (...args: string[]) => runCli(['probe', '--jid', 'alice@example.test', ...args], env);

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function expectNoKeys(output: string): void {
  for (const value of [secret, 'hunter2', seed]) expect(output).not.toContain(value);
}

describe('xmpp-token probe: usage', () => {
  const notPem = join(tmpdir(), `xmpp-token-probe-not-pem-${process.pid}.txt`);
  const brokenPem = join(tmpdir(), `xmpp-token-probe-broken-pem-${process.pid}.pem`);
  beforeAll(() => {
    writeFileSync(notPem, 'hello');
    writeFileSync(
      brokenPem,
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
    );
  });
  afterAll(() => {
    rmSync(notPem, { force: true });
    rmSync(brokenPem, { force: true });
  });

  it.each([
    ['no target', []],
    ['both --host and --websocket', ['--host', 'x.test', '--websocket', 'wss://x.test/ws']],
    ['--port with --websocket', ['--websocket', 'wss://x.test/ws', '--port', '5222']],
    ['--direct-tls with --websocket', ['--websocket', 'wss://x.test/ws', '--direct-tls']],
    ['an http:// URL', ['--websocket', `http://${secret}@x.test/`]],
    ['not a URL', ['--websocket', secret]],
    ['port 0', ['--host', 'x.test', '--port', '0']],
    ['port 70000', ['--host', 'x.test', '--port', '70000']],
    ['a host with a space', ['--host', `x.test ${secret}`]],
    ['a zero timeout', ['--host', 'x.test', '--timeout', '0']],
    ['a timeout in words', ['--host', 'x.test', '--timeout', secret]],
    ['an unreadable --ca', ['--host', 'x.test', '--ca', `/nonexistent/${secret}`]],
    ['a --ca that is not PEM', ['--host', 'x.test', '--ca', notPem]],
    ['a --ca that is not a certificate', ['--host', 'x.test', '--ca', brokenPem]],
    ['a bad --now', ['--host', 'x.test', '--now', 'yesterday']],
    ['an option of another command', ['--host', 'x.test', '--token', secret]],
  ])('%s: exit 2, a message that quotes nothing', async (_, args) => {
    const { code, stdout, stderr } = await probe(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^xmpp-token: .+\nRun 'xmpp-token --help' for usage\.\n$/);
    expectNoKeys(stderr);
  });

  it('without --jid or the keys: exit 2 before connecting', async () => {
    const noJid = await runCli(['probe', '--host', '127.0.0.1'], env);
    expect(noJid).toMatchObject({ code: 2, stderr: expect.stringContaining('missing --jid') });
    const noKeys = await runCli(['probe', '--jid', 'a@b.test', '--host', '127.0.0.1'], {
      PATH: env.PATH,
    });
    expect(noKeys).toMatchObject({ code: 2, stderr: expect.stringContaining('XMPP_TOKEN_SECRET') });
  });
});

describe('xmpp-token probe: no XMPP server', () => {
  const http = createHttpServer((_, res) => res.end('hello'));
  let closedPort = 0;
  let httpPort = 0;
  beforeAll(async () => {
    const probeServer = createServer();
    closedPort = await listen(probeServer);
    await new Promise((resolve) => probeServer.close(resolve));
    httpPort = await listen(http);
  });
  afterAll(() => new Promise((resolve) => http.close(resolve)));

  it('a closed port: unreachable, exit 2', async () => {
    const { code, stdout } = await probe(
      '--host',
      '127.0.0.1',
      '--port',
      String(closedPort),
      '--json',
    );
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      steps: { step: string; status: string }[];
      diagnosis: { code: string };
    };
    expect(report.ok).toBe(false);
    expect(report.diagnosis.code).toBe('unreachable');
    expect(report.steps).toEqual([expect.objectContaining({ step: 'connect', status: 'failed' })]);
    expectNoKeys(stdout);
  });

  it('an HTTP server on the c2s port: not_xmpp, exit 2, with the hint about ports', async () => {
    const { code, stdout } = await probe('--host', '127.0.0.1', '--port', String(httpPort));
    expect(code).toBe(2);
    expect(stdout).toMatch(/^ {2}FAILED features {2}the server sent text outside an element/m);
    expect(stdout).toMatch(/^not_xmpp: xmpp:\/\/127\.0\.0\.1:\d+ does not speak XMPP/m);
    expect(stdout).toContain('c2s_ports (5222, STARTTLS)');
    expectNoKeys(stdout);
  });

  it('an HTTP server that does not upgrade: websocket_failed with the status, exit 2', async () => {
    const url = `ws://127.0.0.1:${httpPort}/xmpp-websocket`;
    const { code, stdout } = await probe('--websocket', url, '--json');
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as { diagnosis: { code: string; message: string } };
    expect(report.diagnosis.code).toBe('websocket_failed');
    expect(report.diagnosis.message).toContain('HTTP/1.1 200 OK');
  });
});
