import { describe, expect, it } from 'vitest';
import { createXmppToken } from '@xmpp-token/core';
import { runCli } from './support/cli.js';
import vectors from './vectors/mod_auth_token.json' with { type: 'json' };

const { token_secret: tokenSecret, otp_seed: otpSeed } = vectors.config;
const env = {
  PATH: process.env.PATH ?? '',
  XMPP_TOKEN_SECRET: tokenSecret,
  XMPP_OTP_SEED: otpSeed,
};

const run = (args: string[], environment: Record<string, string> = env) =>
  runCli(args, environment);

describe('xmpp-token CLI', () => {
  const now = '1700000010000';

  it('mint prints a token alone on stdout that core verifies', async () => {
    const { code, stdout } = await run(['mint', '--jid', 'Alice@Example.Test', '--now', now]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d{40} [A-Za-z0-9+/]{43}=\n$/);
    const verifier = createXmppToken({
      tokenSecret,
      otpSeed,
      domain: 'example.test',
      clock: () => Number(now),
    });
    await expect(verifier.verify('alice@example.test', stdout.trim())).resolves.toMatchObject({
      ok: true,
    });
  });

  it('mint --json gives jid, token and expiresAt (30 * (W + 2) s)', async () => {
    const { code, stdout } = await run([
      'mint',
      '--jid',
      'alice@example.test',
      '--now',
      now,
      '--json',
    ]);
    expect(code).toBe(0);
    const minted = JSON.parse(stdout) as { jid: string; token: string; expiresAt: string };
    expect(minted.jid).toBe('alice@example.test');
    expect(Date.parse(minted.expiresAt)).toBe(30_000 * (Math.floor(Number(now) / 30_000) + 2));
  });

  it('verify exits 0 for a valid token and 1 with the reason for a bad one', async () => {
    const { stdout } = await run(['mint', '--jid', 'alice@example.test', '--now', now]);
    const token = stdout.trim();
    const verify = (jid: string, at: string, ...extra: string[]) =>
      run(['verify', '--jid', jid, '--token', token, '--now', at, ...extra]);
    const ok = await verify('alice@example.test', now, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, jid: 'alice@example.test' });
    const other = await verify('bob@example.test', now);
    expect(other).toMatchObject({ code: 1, stderr: 'invalid: bad_signature\n' });
    const late = await verify('alice@example.test', '1700000070000');
    expect(late).toMatchObject({ code: 1, stderr: 'invalid: expired\n' });
  });

  it('keygen prints keys that mint and verify, with the Prosody config lines', async () => {
    const { code, stdout } = await run(['keygen', '--json'], { PATH: env.PATH });
    expect(code).toBe(0);
    const keys = JSON.parse(stdout) as { otpSeed: string; tokenSecret: string };
    const xmppToken = createXmppToken({ ...keys, domain: 'example.com' });
    await expect(xmppToken.verify('alice', xmppToken.mint('alice').token)).resolves.toMatchObject({
      ok: true,
    });
    const config = await run(['keygen'], { PATH: env.PATH });
    expect(config.stdout).toMatch(/^token_secret = "[A-Z2-7]{52}"$/m);
    expect(config.stdout).toMatch(/^otp_seed = "[A-Z2-7]{32}"$/m);
  });

  it('exits 2 with a clear message for usage and configuration errors, never echoing secrets', async () => {
    const missingSecret = await run(['mint', '--jid', 'alice@example.test'], {
      PATH: env.PATH,
      XMPP_OTP_SEED: otpSeed,
    });
    expect(missingSecret.code).toBe(2);
    expect(missingSecret.stderr).toContain('XMPP_TOKEN_SECRET');
    const shortSecret = await run(['mint', '--jid', 'alice@example.test'], {
      ...env,
      XMPP_TOKEN_SECRET: 'hunter2',
    });
    expect(shortSecret.code).toBe(2);
    expect(shortSecret.stderr).toContain('tokenSecret');
    expect(shortSecret.stderr).not.toContain('hunter2');
    const badSeed = await run(['mint', '--jid', 'alice@example.test'], {
      ...env,
      XMPP_OTP_SEED: 'not base32 1!',
    });
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).not.toContain('not base32 1!');
    expect((await run(['mint'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['mint', '--jid', 'a@b', '--secret', 'x'])).code).toBe(2);
    expect((await run(['mint', '--jid', 'a@b', '--now', 'yesterday'])).code).toBe(2);
    expect((await run(['mint', '--jid', 'bad jid@example.test'])).code).toBe(2);
  });

  it('never quotes an argument in an error: stray values and unknown options stay unprinted', async () => {
    const secret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7-hunter2';
    const token =
      '0901786116592958584670011532658890953260 LvzcQZHYlVvAgTxPy01xR2mq8pPA6kfuT2VSNylRwFo=';
    const runs = [
      ['mint', '--jid', 'a@b.test', secret],
      ['verify', '--jid', 'a@b.test', token],
      ['mint', '--jid', 'a@b.test', `--${secret}`],
      ['mint', '--jid', 'a@b.test', `--secret=${secret}`],
      ['verify', '--jid', 'a@b.test', '--token'],
      ['mint', '--json=yes-' + secret, '--jid', 'a@b.test'],
      [secret],
      ['-x' + secret],
    ];
    for (const args of runs) {
      const { code, stdout, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^xmpp-token: .+\nRun 'xmpp-token --help' for usage\.\n$/);
      for (const value of [secret, 'hunter2', token, token.slice(0, 40), token.slice(41)]) {
        expect(stdout + stderr, args.join(' ')).not.toContain(value);
      }
    }
  });

  it('serves the domain of --jid without XMPP_DOMAIN, and only XMPP_DOMAIN with it', async () => {
    const minted = await run(['mint', '--jid', 'alice@example.test', '--now', now]);
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    const withDomain = { ...env, XMPP_DOMAIN: 'other.test' };
    const verified = await run(
      ['verify', '--jid', 'alice@example.test', '--token', token, '--now', now],
      withDomain,
    );
    expect(verified).toMatchObject({ code: 1, stderr: 'invalid: foreign_domain\n' });
    const foreignMint = await run(['mint', '--jid', 'alice@example.test'], withDomain);
    expect(foreignMint.code).toBe(2);
    expect(foreignMint.stderr).toMatch(/does not serve/);
    const bare = await run(['mint', '--jid', 'alice']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/XMPP_DOMAIN/);
    const completed = await run(['mint', '--jid', 'alice', '--json'], withDomain);
    expect(JSON.parse(completed.stdout)).toMatchObject({ jid: 'alice@other.test' });
  });

  it('XMPP_OTP_SEED and XMPP_TOKEN_SECRET lists: the first mints, verify accepts any', async () => {
    const other = { secret: 'another-token-secret-of-32-bytes', seed: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
    const rotated = {
      ...env,
      XMPP_TOKEN_SECRET: `${other.secret},${tokenSecret}`,
      XMPP_OTP_SEED: `${other.seed},${otpSeed}`,
    };
    const minted = await run(['mint', '--jid', 'alice@example.test', '--now', now], rotated);
    const token = minted.stdout.trim();
    const verify = (environment: Record<string, string>) =>
      run(['verify', '--jid', 'alice@example.test', '--token', token, '--now', now], environment);
    // Minted with the first of each list: the old keys alone refuse it, the new ones accept it.
    expect(await verify(env)).toMatchObject({ code: 1 });
    const newOnly = { ...env, XMPP_TOKEN_SECRET: other.secret, XMPP_OTP_SEED: other.seed };
    expect(await verify(newOnly)).toMatchObject({ code: 0 });
    // Listed second, the new keys still verify it.
    const swapped = {
      ...env,
      XMPP_TOKEN_SECRET: `${tokenSecret},${other.secret}`,
      XMPP_OTP_SEED: `${otpSeed},${other.seed}`,
    };
    expect(await verify(swapped)).toMatchObject({ code: 0 });
  });

  it('--help works for the tool and each command', async () => {
    for (const args of [
      ['--help'],
      ['keygen', '--help'],
      ['mint', '--help'],
      ['verify', '--help'],
      ['probe', '--help'],
    ]) {
      const { code, stdout } = await run(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: xmpp-token');
    }
  });
});
