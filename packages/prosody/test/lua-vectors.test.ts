import { beforeAll, describe, expect, it } from 'vitest';
import {
  HOST,
  SECRET,
  SEED,
  signToken,
  vectors,
  type MalformedVector,
} from '../../core/test/support/vectors.js';
import {
  hasLuaHarness,
  runScenarios,
  saslHex,
  type Scenario,
  type Step,
  type StepResult,
} from './support/harness.js';
import { hasProsody } from './support/prosody.js';

/**
 * The vectors at their own (2023) times, through the module's SASL mechanism and provider, with
 * Prosody's util.sasl and util.encodings: the verdicts @xmpp-token/core gives, case for case.
 */
const OPTIONS = { authentication: 'xmpp_token', token_secret: SECRET, otp_seed: SEED };
const STEP_MS = 30_000;

/**
 * The module's verdict on each malformed[] case through its provider (`test_password(username,
 * password)`): @xmpp-token/core's (vectors-malformed.test.ts), except for a name with `@`, which
 * core reads as a bare JID but Prosody's usernames never contain.
 */
const MALFORMED: Record<string, string> = {
  valid: 'accepted',
  empty: 'malformed',
  'space-only': 'malformed',
  'no-space': 'malformed',
  'digits-only': 'malformed',
  'digits-space-no-signature': 'malformed',
  'non-digits': 'malformed',
  'tab-separator': 'malformed',
  'two-spaces': 'malformed',
  'letter-in-nonce': 'malformed',
  'short-otp': 'malformed',
  'empty-nonce': 'malformed',
  'one-digit-nonce': 'malformed',
  'long-nonce-1000': 'malformed',
  'otp-mismatch': 'not_yet_valid',
  'signature-not-base64': 'malformed',
  'signature-first-char-changed': 'bad_signature',
  'signature-no-padding': 'malformed',
  'signature-extra-padding': 'malformed',
  'signature-much-padding': 'malformed',
  'signature-inner-space': 'malformed',
  'signature-inner-newline': 'malformed',
  'signature-noncanonical-last-char': 'malformed',
  'signature-trailing-group': 'malformed',
  'signature-base64url': 'malformed',
  'signature-raw-bytes': 'malformed',
  'leading-garbage': 'malformed',
  'leading-garbage-with-space': 'malformed',
  'trailing-space': 'malformed',
  'other-jid': 'bad_signature',
  'username-case': 'accepted',
  'username-with-at': 'bad_jid',
  'cross-user-digit-shift': 'malformed',
  'wrong-secret': 'bad_signature',
  'secret-base32-decoded': 'bad_signature',
  'long-digits-then-signature': 'malformed',
};

/** The module's SASL answer to each sasl[] message: a username on success, else the reason. */
const SASL: Record<string, string> = {
  valid: 'alice',
  'authcid-uppercase': 'alice',
  'authcid-uppercase-minted-uppercase': 'bad_signature',
  'authcid-unicode-fold': 'strasse',
  'authzid-other-user': 'alice',
  'authzid-garbage': 'alice',
  'authcid-with-at': 'bad_jid',
  'authcid-with-host-token-for-full': 'bad_jid',
  'authcid-empty': 'malformed',
  'password-empty': 'malformed',
  'no-nul': 'malformed',
  'trailing-nul-junk': 'malformed',
  'non-utf8-password': 'malformed',
  'newline-in-signature': 'malformed',
  'nbsp-separator': 'malformed',
  'password-1023-bytes': 'malformed',
  'password-1024-bytes': 'malformed',
  'no-space': 'malformed',
  'cross-user-digit-shift': 'malformed',
};

const CONDITION: Record<string, string> = {
  malformed: 'malformed-request',
  bad_jid: 'malformed-request',
  bad_signature: 'not-authorized',
  expired: 'not-authorized',
  not_yet_valid: 'not-authorized',
  replayed: 'not-authorized',
};

/** A step's verdict in the tables' terms. */
const verdict = (result: StepResult | undefined): string | undefined =>
  result?.status === 'success' ? result.username : result?.outcome?.replace(/^refused_/, '');

function passwordHex(vector: MalformedVector): string {
  if (vector.password_hex !== undefined) return vector.password_hex;
  const spec = vector.password_spec;
  if (spec === undefined) throw new Error(`${vector.id}: no password`);
  return Buffer.from(spec.repeat.repeat(spec.count) + spec.suffix).toString('hex');
}

const run = (scenarios: readonly Scenario[]) => runScenarios(scenarios);
/** Each step on a fresh module with the vectors' keys: its one result. */
const eachFresh = (steps: readonly Step[]) =>
  run(steps.map((step) => ({ options: OPTIONS, steps: [step] }))).map((s) => s.results[0]);

describe.skipIf(!hasProsody || !hasLuaHarness)(
  'the vectors through the Lua module, at their own times',
  () => {
    describe('tokens[]: every verification time and window edge', () => {
      const checks = vectors.tokens.flatMap((token) =>
        [...token.verifications, ...token.edges].map((check) => ({ token, check })),
      );
      let results: (StepResult | undefined)[] = [];
      beforeAll(() => {
        results = eachFresh(
          checks.map(({ token, check }) => ({
            op: 'sasl',
            at: check.verify_unix_ms,
            message_hex: saslHex(token.username, token.token),
          })),
        );
      });

      it.each(
        checks.map(
          (c, i) =>
            [`${c.token.id} at ${c.check.verify_unix_ms}: ${c.check.result}`, c, i] as const,
        ),
      )('%s', (_name, { token, check }, i) => {
        const ours = results[i];
        if (check.result === 'accept') {
          expect(ours).toMatchObject({
            status: 'success',
            username: token.username,
            outcome: 'accepted',
          });
        } else {
          const early = Math.floor(check.verify_unix_ms / STEP_MS) < token.totp_counter;
          expect(ours).toMatchObject({
            status: 'failure',
            condition: 'not-authorized',
            outcome: early ? 'refused_not_yet_valid' : 'refused_expired',
          });
        }
      });
    });

    describe('malformed[] through the provider (test_password)', () => {
      let results: (StepResult | undefined)[] = [];
      beforeAll(() => {
        results = eachFresh(
          vectors.malformed.map((v) => ({
            op: 'test_password',
            at: v.verify_unix_ms,
            username: v.username,
            password_hex: passwordHex(v),
          })),
        );
      });

      it('has a verdict for exactly the cases in the vectors', () => {
        expect(vectors.malformed.map((v) => v.id).sort()).toEqual(Object.keys(MALFORMED).sort());
      });

      it.each(vectors.malformed.map((v, i) => [v.id, MALFORMED[v.id], i] as const))(
        '%s: %s',
        (_id, expected, i) => {
          const ours = results[i];
          expect(ours?.outcome?.replace(/^refused_/, '')).toBe(expected);
          expect(ours?.ok).toBe(expected === 'accepted');
        },
      );
    });

    describe('sasl[] through the X-TOKEN mechanism', () => {
      let results: (StepResult | undefined)[] = [];
      beforeAll(() => {
        results = eachFresh(
          vectors.sasl.map((v) => ({
            op: 'sasl',
            at: v.verify_unix_ms,
            message_hex: v.message_hex,
          })),
        );
      });

      it('has a verdict for exactly the cases in the vectors', () => {
        expect(vectors.sasl.map((v) => v.id).sort()).toEqual(Object.keys(SASL).sort());
      });

      it.each(vectors.sasl.map((v, i) => [v.id, SASL[v.id] ?? '', i] as const))(
        '%s: %s',
        (_id, expected, i) => {
          const ours = results[i];
          expect(verdict(ours)).toBe(expected);
          if (ours?.status === 'failure') expect(ours.condition).toBe(CONDITION[expected]);
        },
      );
    });

    describe('replay_sequences[]: one module instance each, every token accepted once', () => {
      const ourVerdicts = (steps: readonly { token: string }[]) => {
        const used = new Set<string>();
        return steps.map(({ token }) => {
          if (token === 'A_BADSIG') return 'bad_signature';
          if (used.has(token)) return 'replayed';
          used.add(token);
          return 'accepted';
        });
      };

      it.each(vectors.replay_sequences.map((s) => [s.id, s] as const))('%s', (_id, sequence) => {
        const [scenario] = run([
          {
            options: OPTIONS,
            steps: sequence.steps.map((step) => ({
              op: 'sasl' as const,
              at: step.verify_unix_ms,
              message_hex: saslHex(step.username, vectors.replay_tokens[step.token]?.token ?? ''),
            })),
          },
        ]);
        const outcomes = scenario?.results.map((r) => r.outcome?.replace(/^refused_/, ''));
        expect(outcomes).toEqual(ourVerdicts(sequence.steps));
      });
    });

    describe('otp_seed decoding, as upstream (basexx via luaotp), and refusals at load', () => {
      const NONCE = '31415926535897932384626433832795';
      const bytesOf = (hex: string | null) => (hex ?? '').length / 2;
      const usable = vectors.otp_seed_decoding.filter((v) => bytesOf(v.decoded_key_hex) >= 10);
      const refused = vectors.otp_seed_decoding.filter((v) => bytesOf(v.decoded_key_hex) < 10);

      it.each(usable.map((v) => [v.id, v] as const))(
        '%s: a token with upstream’s OTP is accepted',
        (_id, v) => {
          const token = signToken(v.otp_at_base ?? '', NONCE, `alice@${HOST}`);
          const [scenario] = run([
            {
              options: { ...OPTIONS, otp_seed: v.otp_seed },
              steps: [
                { op: 'sasl', at: v.base_unix_time * 1000, message_hex: saslHex('alice', token) },
              ],
            },
          ]);
          expect(scenario?.results[0]).toMatchObject({ status: 'success', username: 'alice' });
        },
      );

      it.each(refused.map((v) => [v.id, v] as const))(
        '%s: refused at load, without echoing it',
        (_id, v) => {
          const [scenario] = run([{ options: { ...OPTIONS, otp_seed: v.otp_seed } }]);
          expect(scenario?.load_error).toMatch(
            /^mod_auth_xmpp_token: otp_seed (is missing|item 1 (is not base32|decodes to \d+ bytes))/,
          );
          if (v.otp_seed.length > 0) expect(scenario?.load_error).not.toContain(v.otp_seed);
        },
      );
    });

    describe('RFC 6238 SHA-1 8-digit values (luaotp’s), through the module', () => {
      const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
      const NONCE = '27182818284590452353602874713526';

      it.each(vectors.rfc6238_sha1_8digit)('T = $unix_time s: $otp', ({ unix_time, otp }) => {
        const token = signToken(otp, NONCE, `alice@${HOST}`);
        const [scenario] = run([
          {
            options: { ...OPTIONS, otp_seed: RFC_SEED },
            steps: [{ op: 'sasl', at: unix_time * 1000, message_hex: saslHex('alice', token) }],
          },
        ]);
        expect(scenario?.results[0]).toMatchObject({ status: 'success', username: 'alice' });
      });
    });
  },
);
