import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createXmppToken, prosodyConfig } from '@xmpp-token/core';
import { prosodyModuleDirectory } from '@xmpp-token/prosody';
import { startProsody, type ProsodyServer } from '@xmpp-token/prosody/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED, rawLogin } from './support/clients.js';
import { hasProsody } from './support/prosody.js';

const cli = fileURLToPath(new URL('../../core/dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe.skipIf(!hasProsody)('the config `xmpp-token keygen` prints runs Prosody', () => {
  let printed = '';
  let keys = { tokenSecret: '', otpSeed: '' };
  let server: ProsodyServer | undefined;

  beforeAll(async () => {
    printed = (await run(process.execPath, [cli, 'keygen'], { env: { PATH: process.env.PATH } }))
      .stdout;
    keys = {
      tokenSecret: /^token_secret = "([A-Z2-7]+)"$/m.exec(printed)?.[1] ?? '',
      otpSeed: /^otp_seed = "([A-Z2-7]+)"$/m.exec(printed)?.[1] ?? '',
    };
    // The same lines, with the folder this package ships the module in.
    const config = prosodyConfig(keys, { pluginPath: prosodyModuleDirectory }).split('\n');
    const host = config.findIndex((line) => line.startsWith('-- In the VirtualHost'));
    server = await startProsody({
      // Placeholders, overridden by the printed lines (which come after them in the file).
      tokenSecret: 'placeholder-secret-0123456789',
      otpSeed: 'JBSWY3DPEHPK3PXP',
      authentication: 'internal_hashed',
      globalLua: config.slice(0, host).join('\n'),
      hostLua: config.slice(host).join('\n'),
    });
  });
  afterAll(() => server?.stop());

  it('keygen prints exactly prosodyConfig(keys)', () => {
    expect(keys.tokenSecret).toMatch(/^[A-Z2-7]{52}$/);
    expect(printed).toBe(prosodyConfig(keys));
  });

  it('with those lines, a token minted from the printed keys logs in', async () => {
    expect(server?.readLog()).toContain(
      "Host 'localhost' now set to use user provider 'xmpp_token'",
    );
    const { token } = createXmppToken({ ...keys, domain: 'localhost' }).mint('alice');
    await expect(
      rawLogin({ url: server?.c2sUrl ?? '', domain: 'localhost' }, 'alice', token),
    ).resolves.toEqual(ACCEPTED);
  });
});
