import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeys } from '@xmpp-token/core';
import { findProsody } from '@xmpp-token/prosody/test-server';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { mintAt } from './support/clock.js';
import { hasProsody, useProsody } from './support/prosody.js';

describe.skipIf(!hasProsody)('the replay memory across restarts', () => {
  // The admin socket lets prosodyctl (with this instance's config) reload the module.
  const suite = useProsody({ modules: ['admin_shell', 'admin_socket'] });
  const login = (user: string, token: string) =>
    rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, user, token);

  it('a clean stop (SIGTERM) saves it: a token used before is refused after', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    await expect(login('alice', token)).resolves.toEqual(ACCEPTED);
    const pid = suite.server.pid;
    await suite.server.restart();
    expect(suite.server.pid).not.toBe(pid);
    expect(suite.server.readLog()).toMatch(/auth_xmpp_token\tdebug\tRestored 1 remembered tokens/);
    await expect(login('alice', token)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('a module reload (prosodyctl shell module reload) keeps it', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'erin');
    await expect(login('erin', token)).resolves.toEqual(ACCEPTED);
    const prosodyctl = join(dirname(findProsody() ?? ''), 'prosodyctl');
    const args = [
      '--config',
      suite.server.configFile,
      'shell',
      'module',
      'reload',
      'auth_xmpp_token',
      'localhost',
    ];
    const { stdout } = await promisify(execFile)(prosodyctl, args);
    expect(stdout).toContain('Module reloaded on 1 host');
    await expect(login('erin', token)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('documented exposure: a crash (SIGKILL) loses it, so a token used before is accepted again', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'bob');
    await expect(login('bob', token)).resolves.toEqual(ACCEPTED);
    await suite.server.restart({ signal: 'SIGKILL' });
    // Within its 30-90 s validity, once more: what the README says a crash costs.
    await expect(login('bob', token)).resolves.toEqual(ACCEPTED);
    await expect(login('bob', token)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('key rotation by restart: the new key first, the old one still listed', async () => {
    const next = generateKeys();
    const oldToken = mintAt(suite.keys, 'localhost', 'carol').token;
    await suite.server.restart({
      tokenSecret: [next.tokenSecret, suite.keys.tokenSecret],
      otpSeed: [next.otpSeed, suite.keys.otpSeed],
    });
    await expect(login('carol', oldToken)).resolves.toEqual(ACCEPTED);
    const newToken = mintAt(next, 'localhost', 'carol').token;
    await expect(login('carol', newToken)).resolves.toEqual(ACCEPTED);
    // And once the old key is dropped, its tokens stop working.
    await suite.server.restart({ tokenSecret: next.tokenSecret, otpSeed: next.otpSeed });
    const stale = mintAt(suite.keys, 'localhost', 'carol').token;
    await expect(login('carol', stale)).resolves.toEqual(NOT_AUTHORIZED);
  });
});
