import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, probePython, runPython } from './support/python.js';
import { HOST, SECRET, SEED } from './support/vectors.js';

/**
 * The module README's generator, fixed: an aware UTC time (the README's naive `utcnow()` is read
 * as local time by pyotp) and `secrets` for the nonce (`random.randint` is not a CSPRNG).
 */
const GENERATOR = String.raw`
import base64, hashlib, hmac, json, secrets, sys
from datetime import datetime, timezone
import pyotp

OTP_INTERVAL = 30
OTP_DIGITS = 8

def token_for(otp_seed, token_secret, jid, unix_seconds, nonce):
    otp_service = pyotp.TOTP(otp_seed, digits=OTP_DIGITS, interval=OTP_INTERVAL)
    now = datetime.fromtimestamp(unix_seconds, timezone.utc)
    otp = otp_service.generate_otp(otp_service.timecode(now))
    string_to_sign = otp + nonce + jid
    signature = hmac.new(token_secret.encode(), string_to_sign.encode(), hashlib.sha256).digest()
    return u"{} {}".format(otp + nonce, base64.b64encode(signature).decode())

def mint(case):
    nonce = ''.join(secrets.choice('0123456789') for i in range(32))
    return token_for(case['seed'], case['secret'], case['jid'], case['unix_ms'] / 1000, nonce)

def recompute(case):
    nonce = case['token'][8:40]
    return token_for(case['seed'], case['secret'], case['jid'], case['unix_ms'] / 1000, nonce)

request = json.load(sys.stdin)
json.dump({
    'minted': [mint(case) for case in request['mint']],
    'recomputed': [recompute(case) for case in request['recompute']],
}, sys.stdout)
`;

interface Case {
  readonly name: string;
  readonly seed: string;
  readonly secret: string;
  /** What the app passes to core: a localpart (with `domain`) or a bare JID. */
  readonly user: string;
  /** The nodeprepped JID, as the Python app must sign it. */
  readonly jid: string;
  readonly unix_ms: number;
}

const keys = generateKeys();
const CASES: readonly Case[] = [
  {
    name: 'README keys, window start',
    seed: SEED,
    secret: SECRET,
    user: 'alice',
    jid: `alice@${HOST}`,
    unix_ms: 1_700_000_010_000,
  },
  {
    name: 'README keys, 1 ms before a boundary',
    seed: SEED,
    secret: SECRET,
    user: 'alice',
    jid: `alice@${HOST}`,
    unix_ms: 1_700_000_039_999,
  },
  {
    name: 'lowercase seed',
    seed: SEED.toLowerCase(),
    secret: SECRET,
    user: 'bob',
    jid: `bob@${HOST}`,
    unix_ms: 1_712_345_678_901,
  },
  {
    name: 'generated keys',
    seed: keys.otpSeed,
    secret: keys.tokenSecret,
    user: `carol@${HOST}`,
    jid: `carol@${HOST}`,
    unix_ms: 1_750_000_000_123,
  },
  {
    name: 'nodeprepped unicode localpart',
    seed: SEED,
    secret: SECRET,
    user: 'Straße',
    jid: `strasse@${HOST}`,
    unix_ms: 1_800_000_000_000,
  },
  {
    name: 'Greek localpart ending in sigma',
    seed: SEED,
    secret: SECRET,
    user: 'ΝΙΚΟΣ',
    jid: `νικοσ@${HOST}`,
    unix_ms: 1_800_000_030_000,
  },
];

const python = probePython(['pyotp']);

const create = (c: Case) =>
  createXmppToken({ tokenSecret: c.secret, otpSeed: c.seed, domain: HOST, clock: () => c.unix_ms });

describe.skipIf(python.skip)('interop with pyotp (the module README generator)', () => {
  let results: { minted: string[]; recomputed: string[] } = { minted: [], recomputed: [] };
  const ours = CASES.map((c) => create(c).mint(c.user));

  beforeAll(() => {
    if (!python.available) return;
    const request = {
      mint: CASES.map(({ seed, secret, jid, unix_ms }) => ({ seed, secret, jid, unix_ms })),
      recompute: CASES.map(({ seed, secret, jid, unix_ms }, i) => ({
        seed,
        secret,
        jid,
        unix_ms,
        token: ours[i]?.token,
      })),
    };
    // A zone far from UTC: the README's naive-time bug would shift every OTP here.
    results = runPython(GENERATOR, request, { TZ: 'XYZ-5' });
  });

  it(`${PYTHON} imports pyotp (required when CI is set)`, () => {
    expect(python.available, python.problem).toBe(true);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))(
    'core verifies Python’s token: %s',
    async (_name, c, i) => {
      const token = results.minted[i] ?? '';
      expect(token).toMatch(/^\d{40} [A-Za-z0-9+/]{43}=$/);
      const xmppToken = create(c);
      await expect(xmppToken.verify(c.user, token)).resolves.toMatchObject({
        ok: true,
        jid: c.jid,
      });
      await expect(xmppToken.verify(c.user, token)).resolves.toMatchObject({
        ok: false,
        reason: 'replayed',
      });
    },
  );

  it.each(CASES.map((c, i) => [c.name, c, i] as const))(
    'Python recomputes core’s token: %s',
    (_name, c, i) => {
      expect(ours[i]?.jid).toBe(c.jid);
      expect(results.recomputed[i]).toBe(ours[i]?.token);
    },
  );

  it('Python’s nonces are 32 digits and differ between tokens', () => {
    const nonces = results.minted.map((token) => token.slice(8, 40));
    expect(new Set(nonces).size).toBe(CASES.length);
  });
});
