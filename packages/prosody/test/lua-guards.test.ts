import { createXmppToken } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { HOST, SECRET, SEED } from '../../core/test/support/vectors.js';
import { hasLuaHarness, runScenarios, saslHex, type Step } from './support/harness.js';
import { hasProsody } from './support/prosody.js';

const OPTIONS = { authentication: 'xmpp_token', token_secret: SECRET, otp_seed: SEED };
const T0 = 1_700_000_010_000; // 10 s into a 30 s step
const mint = (user: string, at = T0) =>
  createXmppToken({ tokenSecret: SECRET, otpSeed: SEED, domain: HOST, clock: () => at }).mint(user)
    .token;
const sasl = (user: string, token: string, at = T0): Step => ({
  op: 'sasl',
  at,
  message_hex: saslHex(user, token),
});
const only = (options: Readonly<Record<string, unknown>>, steps: readonly Step[]) => {
  const [result] = runScenarios([{ options, steps }]);
  if (result === undefined) throw new Error('no result');
  return result;
};

describe.skipIf(!hasProsody || !hasLuaHarness)(
  'mod_auth_xmpp_token’s guards (Lua, fixed clock)',
  () => {
    it('a surprise inside the check: temporary-auth-failure, logged without the token, counted', () => {
      const token = mint('alice');
      const result = only(OPTIONS, [
        { op: 'clock_fails', value: true },
        sasl('alice', token),
        { op: 'clock_fails', value: false },
        sasl('alice', token),
      ]);
      expect(result.results[1]).toMatchObject({
        status: 'failure',
        condition: 'temporary-auth-failure',
        outcome: 'refused_internal_error',
      });
      // The token was not spent by the failed attempt.
      expect(result.results[3]).toMatchObject({ status: 'success', username: 'alice' });
      const errors = result.logs.filter((line) => line.startsWith('error '));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^error X-TOKEN check failed unexpectedly, login refused: .*clock unavailable/,
      );
      expect(result.logs.join('\n')).not.toContain(token.slice(41));
    });

    it('the provider’s test_password verifies tokens too, once', () => {
      const token = mint('bob');
      const hex = Buffer.from(token).toString('hex');
      const result = only(OPTIONS, [
        { op: 'test_password', at: T0, username: 'Bob', password_hex: hex },
        { op: 'test_password', at: T0, username: 'bob', password_hex: hex },
      ]);
      expect(result.results[0]).toMatchObject({ ok: true, outcome: 'accepted' });
      expect(result.results[1]).toMatchObject({ ok: false, error: 'Token refused: replayed' });
    });

    it('the replay limit: refuses while full, frees space as tokens expire (timer or on demand)', () => {
      const later = T0 + 90_000; // the first tokens' validity has ended
      const result = only({ ...OPTIONS, xmpp_token_replay_limit: 2 }, [
        sasl('a', mint('a')),
        sasl('b', mint('b')),
        sasl('c', mint('c')),
        { op: 'timers', at: T0 + 1000 },
        { op: 'timers', at: later },
        sasl('c', mint('c', later), later),
        sasl('d', mint('d', later), later),
        sasl('e', mint('e', later), later),
      ]);
      expect(result.results.map((r) => r.outcome ?? r.remembered)).toEqual([
        'accepted',
        'accepted',
        'refused_replay_limit',
        2, // nothing expired yet
        0, // both gone
        'accepted',
        'accepted',
        'refused_replay_limit',
      ]);
    });

    it('when full, a sweep on demand finds expired tokens before the timer runs', () => {
      const later = T0 + 90_000;
      const result = only({ ...OPTIONS, xmpp_token_replay_limit: 1 }, [
        sasl('a', mint('a')),
        sasl('b', mint('b', later), later),
      ]);
      expect(result.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    });

    it('a clean stop saves the memory and the next start restores it (only live tokens)', () => {
      const token = mint('alice');
      const early = mint('bob', T0 - 30_000); // expires at the end of T0's step
      const result = only(OPTIONS, [
        sasl('alice', token),
        sasl('bob', early),
        { op: 'restart', at: T0 + 1000 },
        sasl('alice', token, T0 + 2000),
        sasl('bob', early, T0 + 2000),
      ]);
      expect(result.results.map((r) => r.outcome ?? r.load_error ?? 'loaded')).toEqual([
        'accepted',
        'accepted',
        'loaded',
        'refused_replayed',
        'refused_replayed',
      ]);
      expect(result.logs).toContain('debug Restored 2 remembered tokens');
      // Read once, then deleted: a later crash cannot bring stale entries back.
      expect(result.stores.auth_xmpp_token_replay).toEqual({});
    });

    it('a module reload (unload, load) keeps it too; a crash loses it', () => {
      const token = mint('alice');
      const reloaded = only(OPTIONS, [
        sasl('alice', token),
        { op: 'unload', at: T0 },
        sasl('alice', token),
      ]);
      expect(reloaded.results[2]).toMatchObject({ outcome: 'refused_replayed' });
      const crashed = only(OPTIONS, [
        sasl('alice', token),
        { op: 'crash', at: T0 },
        sasl('alice', token),
      ]);
      expect(crashed.results[2]).toMatchObject({ outcome: 'accepted' });
    });

    it('expired tokens are not saved at all', () => {
      const result = only(OPTIONS, [
        sasl('alice', mint('alice')),
        { op: 'restart', at: T0 + 90_000 },
      ]);
      expect(result.stores.auth_xmpp_token_replay).toEqual({});
      expect(result.logs.join('\n')).not.toContain('Restored');
    });

    it('users exist once logged in (for offline messages), not before', () => {
      const result = only(OPTIONS, [
        { op: 'user_exists', username: 'alice' },
        { op: 'login_event', username: 'alice' },
        { op: 'user_exists', username: 'alice' },
        { op: 'user_exists', username: 'bob' },
      ]);
      expect(result.results.map((r) => r.exists)).toEqual([false, undefined, true, false]);
    });

    it.each([
      [
        'a list with a table in it',
        { token_secret: [SECRET, [SECRET]] },
        'token_secret item 2 is a table; give strings',
      ],
      ['a boolean seed', { otp_seed: true }, 'otp_seed item 1 is a boolean; give strings'],
      [
        'a fractional limit',
        { xmpp_token_replay_limit: 2.5 },
        'xmpp_token_replay_limit must be a positive whole number',
      ],
    ])('configuration: %s is refused at load', (_name, options, message) => {
      const result = only({ ...OPTIONS, ...options }, []);
      expect(result.load_error).toBe(
        `mod_auth_xmpp_token: ${message} (see the README of @xmpp-token/prosody)`,
      );
    });

    it('memory: about a hundred bytes per remembered token', () => {
      const count = 20_000;
      const minter = createXmppToken({
        tokenSecret: SECRET,
        otpSeed: SEED,
        domain: HOST,
        clock: () => T0,
      });
      const messages = Array.from({ length: count }, (_, i) =>
        saslHex(`u${i % 100}`, minter.mint(`u${i % 100}`).token),
      );
      const result = only(OPTIONS, [{ op: 'memory', at: T0, messages_hex: messages }]);
      const [memory] = result.results;
      expect(memory?.accepted).toBe(count);
      const bytesPerToken = ((memory?.kilobytes ?? Infinity) * 1024) / count;
      if (process.env.XMPP_TOKEN_PRINT_MEMORY)
        console.warn(`bytes per remembered token: ${bytesPerToken}`);
      expect(bytesPerToken).toBeGreaterThan(40);
      expect(bytesPerToken).toBeLessThan(160);
    });
  },
);
