import { encodeSaslResponse } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, rawAttempt, rawLogin } from './support/clients.js';
import { STEP_MS, mintAt } from './support/clock.js';
import { hasProsody, useProsody } from './support/prosody.js';

/** The counters of mod_auth_xmpp_token in the OpenMetrics text, by name. */
async function counters(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(url)).text();
  const found = text.matchAll(
    /^prosody_mod_auth_xmpp_token__(\w+?)(?:_total)?\{host="localhost"\} (\d+)$/gm,
  );
  return Object.fromEntries([...found].map(([, name = '', value]) => [name, Number(value)]));
}

describe.skipIf(!hasProsody)('metrics (mod_http_openmetrics): every outcome counted', () => {
  const suite = useProsody();

  it('counts accepts and each refusal reason', async () => {
    const c2s = { url: suite.server.c2sUrl, domain: 'localhost' };
    const before = await counters(suite.server.metricsUrl);
    expect(before).toMatchObject({ accepted: 0, refused_replayed: 0, remembered_tokens: 0 });

    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    await expect(rawLogin(c2s, 'alice', token)).resolves.toEqual(ACCEPTED);
    await rawLogin(c2s, 'alice', token); // replayed
    await rawLogin(c2s, 'bob', token); // bad_signature
    await rawLogin(c2s, 'alice', `${token} `); // malformed
    await rawAttempt(c2s, encodeSaslResponse({ authcid: 'al ice', token })); // bad_jid
    await rawAttempt(c2s, Buffer.from('no NULs').toString('base64')); // malformed (SASL layer)
    const old = mintAt(suite.keys, 'localhost', 'alice', Date.now() - 5 * STEP_MS).token;
    await rawLogin(c2s, 'alice', old); // expired
    const early = mintAt(suite.keys, 'localhost', 'alice', Date.now() + 5 * STEP_MS).token;
    await rawLogin(c2s, 'alice', early); // not_yet_valid

    expect(await counters(suite.server.metricsUrl)).toEqual({
      accepted: 1,
      refused_replayed: 1,
      refused_bad_signature: 1,
      refused_malformed: 2,
      refused_bad_jid: 1,
      refused_expired: 1,
      refused_not_yet_valid: 1,
      refused_replay_limit: 0,
      refused_internal_error: 0,
      remembered_tokens: 1,
    });
  });
});
