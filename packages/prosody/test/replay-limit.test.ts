import { describe, expect, it } from 'vitest';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { mintAt } from './support/clock.js';
import { expectLogged, hasProsody, useProsody } from './support/prosody.js';

const TEMPORARY = { success: false, condition: 'temporary-auth-failure' };

describe.skipIf(!hasProsody)(
  'xmpp_token_replay_limit: a full replay memory refuses, never forgets',
  () => {
    const suite = useProsody({ hostConfig: { xmpp_token_replay_limit: 3 } });
    const login = (user: string, token: string) =>
      rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, user, token);

    it('accepts three tokens, then refuses new ones with temporary-auth-failure', async () => {
      const tokens = ['a', 'b', 'c', 'd'].map(
        (user) => mintAt(suite.keys, 'localhost', user).token,
      );
      await expect(login('a', tokens[0] ?? '')).resolves.toEqual(ACCEPTED);
      await expect(login('b', tokens[1] ?? '')).resolves.toEqual(ACCEPTED);
      await expect(login('c', tokens[2] ?? '')).resolves.toEqual(ACCEPTED);
      const mark = suite.logMark();
      await expect(login('d', tokens[3] ?? '')).resolves.toEqual(TEMPORARY);
      await expectLogged(suite, mark, 'X-TOKEN refused: replay_limit for d');
      // A replay is still a replay (nothing was evicted), and a bad token is still bad.
      await expect(login('a', tokens[0] ?? '')).resolves.toEqual(NOT_AUTHORIZED);
      await expect(login('b', tokens[3] ?? '')).resolves.toEqual(NOT_AUTHORIZED);
      // d's refused token was not remembered: refused again for the same reason, not as a replay.
      await expect(login('d', tokens[3] ?? '')).resolves.toEqual(TEMPORARY);
    });

    it('reports how many tokens it remembers (metrics)', async () => {
      const metrics = await (await fetch(suite.server.metricsUrl)).text();
      expect(metrics).toMatch(
        /^prosody_mod_auth_xmpp_token__remembered_tokens\{host="localhost"\} 3$/m,
      );
      expect(metrics).toMatch(
        /^prosody_mod_auth_xmpp_token__refused_replay_limit_total\{host="localhost"\} 2$/m,
      );
    });
  },
);
