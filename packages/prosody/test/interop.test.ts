import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, probePython, runPython } from '../../core/test/support/python.js';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { expectLogged, hasProsody, useProsody } from './support/prosody.js';

/**
 * The module README's Python generator, as an app would run it at the time of the request. With
 * `naive`, it passes `datetime.utcnow()` as the README does, which pyotp reads as local time.
 */
const GENERATOR = String.raw`
import base64, hashlib, hmac, json, secrets, sys
from datetime import datetime, timezone
import pyotp

def token_for(otp_seed, token_secret, jid, naive):
    otp_service = pyotp.TOTP(otp_seed, digits=8, interval=30)
    now = datetime.utcnow() if naive else datetime.now(timezone.utc)
    otp = otp_service.generate_otp(otp_service.timecode(now))
    nonce = ''.join(secrets.choice('0123456789') for i in range(32))
    string_to_sign = otp + nonce + jid
    signature = hmac.new(token_secret.encode(), string_to_sign.encode(), hashlib.sha256).digest()
    return u"{} {}".format(otp + nonce, base64.b64encode(signature).decode())

json.dump([token_for(c['seed'], c['secret'], c['jid'], c.get('naive', False)) for c in json.load(sys.stdin)], sys.stdout)
`;

const cli = fileURLToPath(new URL('../../core/dist/cli.js', import.meta.url));
const run = promisify(execFile);
const python = probePython(['pyotp']);

// Two generations of keys: Prosody lists both (the app mints with the first of each list).
const current = generateKeys();
const previous = generateKeys();
const unknown = generateKeys();

describe.skipIf(!hasProsody)('tokens from every minter, and key rotation lists', () => {
  const suite = useProsody({
    tokenSecret: [current.tokenSecret, previous.tokenSecret],
    otpSeed: [current.otpSeed, previous.otpSeed],
  });
  const login = (user: string, token: string) =>
    rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, user, token);
  const mint = (tokenSecret: string, otpSeed: string, user = 'alice') =>
    createXmppToken({ tokenSecret, otpSeed, domain: 'localhost' }).mint(user).token;

  describe('rotation: two secrets and two seeds', () => {
    it.each([
      ['current secret, current seed', current.tokenSecret, current.otpSeed],
      ['previous secret, current seed', previous.tokenSecret, current.otpSeed],
      ['current secret, previous seed', current.tokenSecret, previous.otpSeed],
      ['previous secret, previous seed', previous.tokenSecret, previous.otpSeed],
    ])('%s: accepted once', async (_name, secret, seed) => {
      const token = mint(secret, seed);
      await expect(login('alice', token)).resolves.toEqual(ACCEPTED);
      await expect(login('alice', token)).resolves.toEqual(NOT_AUTHORIZED);
    });

    it('a secret that is not listed: bad_signature', async () => {
      const mark = suite.logMark();
      await expect(login('alice', mint(unknown.tokenSecret, current.otpSeed))).resolves.toEqual(
        NOT_AUTHORIZED,
      );
      await expectLogged(suite, mark, 'X-TOKEN refused: bad_signature for alice');
    });

    it('a seed that is not listed: the OTP matches no window (expired)', async () => {
      const mark = suite.logMark();
      await expect(login('alice', mint(current.tokenSecret, unknown.otpSeed))).resolves.toEqual(
        NOT_AUTHORIZED,
      );
      await expectLogged(suite, mark, 'X-TOKEN refused: expired for alice');
    });
  });

  describe('our CLI (xmpp-token mint)', () => {
    beforeAll(() => {
      if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);
    });
    const mintWithCli = async (secrets: string, jid: string) => {
      const env = {
        PATH: process.env.PATH ?? '',
        XMPP_TOKEN_SECRET: secrets,
        XMPP_OTP_SEED: current.otpSeed,
      };
      const { stdout } = await run(process.execPath, [cli, 'mint', '--jid', jid, '--json'], {
        env,
      });
      return JSON.parse(stdout) as { jid: string; token: string };
    };

    it('a token from `xmpp-token mint` logs in', async () => {
      const minted = await mintWithCli(current.tokenSecret, 'Bob@localhost');
      expect(minted.jid).toBe('bob@localhost');
      await expect(login('Bob', minted.token)).resolves.toEqual(ACCEPTED);
    });

    it('XMPP_TOKEN_SECRET="previous,current" mints with the first, which Prosody still lists', async () => {
      const minted = await mintWithCli(
        `${previous.tokenSecret},${current.tokenSecret}`,
        'bob@localhost',
      );
      await expect(login('bob', minted.token)).resolves.toEqual(ACCEPTED);
    });
  });

  describe.skipIf(python.skip)('pyotp: the module README’s Python generator', () => {
    const generate = (cases: object[], env: NodeJS.ProcessEnv = {}) =>
      runPython<string[]>(GENERATOR, cases, env);

    it(`${PYTHON} imports pyotp (required when CI is set)`, () => {
      expect(python.available, python.problem).toBe(true);
    });

    it.each([
      ['alice', 'alice@localhost', current],
      ['Straße', 'strasse@localhost', current],
      ['carol', 'carol@localhost', previous],
    ] as const)('%s: Python signs %s; Prosody accepts it once', async (user, jid, keys) => {
      // A zone far from UTC: the fixed generator does not care.
      const [token = ''] = generate([{ seed: keys.otpSeed, secret: keys.tokenSecret, jid }], {
        TZ: 'XYZ-5',
      });
      expect(token).toMatch(/^\d{40} [A-Za-z0-9+/]{43}=$/);
      await expect(login(user, token)).resolves.toEqual(ACCEPTED);
      await expect(login(user, token)).resolves.toEqual(NOT_AUTHORIZED);
    });

    it('the README as written (naive utcnow) on a host 5 h east of UTC: refused, expired', async () => {
      const [token = ''] = generate(
        [
          {
            seed: current.otpSeed,
            secret: current.tokenSecret,
            jid: 'dave@localhost',
            naive: true,
          },
        ],
        { TZ: 'XYZ-5' },
      );
      const mark = suite.logMark();
      await expect(login('dave', token)).resolves.toEqual(NOT_AUTHORIZED);
      await expectLogged(suite, mark, 'X-TOKEN refused: expired for dave');
    });
  });
});
