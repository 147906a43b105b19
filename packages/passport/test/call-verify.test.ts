import { describe, expect, it } from 'vitest';
import { callVerify } from '../src/internal/call-verify.js';

describe('callVerify', () => {
  it('settles on done(null, user, info)', async () => {
    await expect(callVerify((done) => done(null, 'alice', { scope: 'chat' }))).resolves.toEqual({
      user: 'alice',
      info: { scope: 'chat' },
    });
  });

  it('settles on a returned promise', async () => {
    await expect(callVerify(async () => 'alice')).resolves.toEqual({
      user: 'alice',
      info: undefined,
    });
  });

  it('lets done win over the promise of an async function that calls it', async () => {
    const verified = callVerify<string>(async (done) => {
      await Promise.resolve();
      done(null, 'from done', { via: 'done' });
    });
    await expect(verified).resolves.toEqual({ user: 'from done', info: { via: 'done' } });
  });

  it('rejects on done(error), a rejection, or a throw', async () => {
    const error = new Error('db down');
    await expect(callVerify((done) => done(error))).rejects.toBe(error);
    await expect(callVerify(async () => Promise.reject(error))).rejects.toBe(error);
    await expect(
      callVerify(() => {
        throw error;
      }),
    ).rejects.toBe(error);
  });

  it('ignores a second answer', async () => {
    const verified = callVerify<string>((done) => {
      done(null, 'first');
      done(new Error('second'));
    });
    await expect(verified).resolves.toEqual({ user: 'first', info: undefined });
  });
});
