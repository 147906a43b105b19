import { describe, expect, it } from 'vitest';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { STEP_MS, mintAt, settledStep } from './support/clock.js';
import { expectLogged, hasProsody, useProsody } from './support/prosody.js';

/**
 * Every accepted token is refused for the rest of its validity, whatever came in between.
 * Upstream remembers only the nonces of a JID's latest OTP, so a newer token re-opens an older
 * one (vectors: old-window-after-new-window); these are the same sequences, live.
 */
describe.skipIf(!hasProsody)('each token is accepted once, against real Prosody', () => {
  const suite = useProsody();
  const c2s = () => ({ url: suite.server.c2sUrl, domain: 'localhost' });
  const ws = () => ({ url: suite.server.websocketUrl, domain: 'localhost' });
  const login = (user: string, token: string, transport = c2s()) =>
    rawLogin(transport, user, token);

  it('the same token twice in one window: accepted, then refused as replayed', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    await expect(login('alice', token)).resolves.toEqual(ACCEPTED);
    const mark = suite.logMark();
    await expect(login('alice', token)).resolves.toEqual(NOT_AUTHORIZED);
    await expectLogged(suite, mark, 'X-TOKEN refused: replayed for alice');
  });

  it('an older token after a newer one (another OTP value): still refused, and back', async () => {
    const step = await settledStep();
    const older = mintAt(suite.keys, 'localhost', 'bob', (step - 1) * STEP_MS + 5000).token;
    const newer = mintAt(suite.keys, 'localhost', 'bob', step * STEP_MS + 5000).token;
    expect(older.slice(0, 8)).not.toBe(newer.slice(0, 8));
    await expect(login('bob', older)).resolves.toEqual(ACCEPTED);
    await expect(login('bob', newer)).resolves.toEqual(ACCEPTED);
    // Upstream accepts both of these again.
    await expect(login('bob', older)).resolves.toEqual(NOT_AUTHORIZED);
    await expect(login('bob', newer)).resolves.toEqual(NOT_AUTHORIZED);
    expect(Math.floor(Date.now() / STEP_MS)).toBe(step);
  });

  it('the newer token first, then the older one: each once', async () => {
    const step = await settledStep();
    const older = mintAt(suite.keys, 'localhost', 'carol', (step - 1) * STEP_MS + 100).token;
    const newer = mintAt(suite.keys, 'localhost', 'carol', (step + 1) * STEP_MS + 100).token;
    await expect(login('carol', newer)).resolves.toEqual(ACCEPTED);
    await expect(login('carol', older)).resolves.toEqual(ACCEPTED);
    await expect(login('carol', newer)).resolves.toEqual(NOT_AUTHORIZED);
    await expect(login('carol', older)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('two tokens of one OTP value (same window, other nonces) are both usable once', async () => {
    const step = await settledStep();
    const first = mintAt(suite.keys, 'localhost', 'dave', step * STEP_MS + 1).token;
    const second = mintAt(suite.keys, 'localhost', 'dave', step * STEP_MS + 2).token;
    expect(first.slice(0, 8)).toBe(second.slice(0, 8));
    await expect(login('dave', first)).resolves.toEqual(ACCEPTED);
    await expect(login('dave', second, ws())).resolves.toEqual(ACCEPTED);
    await expect(login('dave', first, ws())).resolves.toEqual(NOT_AUTHORIZED);
    await expect(login('dave', second)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('tokens of other users and refused tokens in between change nothing', async () => {
    const mine = mintAt(suite.keys, 'localhost', 'erin').token;
    await expect(login('erin', mine)).resolves.toEqual(ACCEPTED);
    const theirs = mintAt(suite.keys, 'localhost', 'frank').token;
    await expect(login('frank', theirs)).resolves.toEqual(ACCEPTED);
    const forged = mintAt(suite.keys, 'localhost', 'erin').token.replace(/.{3}=$/, 'AAA=');
    await expect(login('erin', forged)).resolves.toEqual(NOT_AUTHORIZED);
    await expect(login('erin', mine)).resolves.toEqual(NOT_AUTHORIZED);
    await expect(login('frank', theirs, ws())).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('two simultaneous uses of one token (c2s and WebSocket): exactly one wins', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'gina');
    const [first, second] = await Promise.all([login('gina', token), login('gina', token, ws())]);
    // Prosody handles one stanza at a time: exactly one of two simultaneous uses wins.
    expect([first, second]).toContainEqual(ACCEPTED);
    expect([first, second]).toContainEqual(NOT_AUTHORIZED);
  });
});
