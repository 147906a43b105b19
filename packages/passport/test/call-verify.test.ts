import { describe, expect, it } from 'vitest';
import { callVerify } from '../src/internal/call-verify.js';

describe('callVerify', () => {
  it('answers at once, with no promise, when done is called before returning', () => {
    expect(callVerify((done) => done(null, 'alice', { scope: 'chat' }))).toEqual({
      user: 'alice',
      info: { scope: 'chat' },
    });
  });

  it('answers with a promise when done is called later', async () => {
    const verified = callVerify<string>((done) => {
      setTimeout(() => done(null, 'alice'), 1);
    });
    expect(verified).toBeInstanceOf(Promise);
    await expect(verified).resolves.toEqual({ user: 'alice', info: undefined });
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

  it('takes done called before an async function’s first await, with no promise', () => {
    const verified = callVerify<string>(async (done) => {
      done(null, 'at once');
      return 'from the promise';
    });
    expect(verified).toEqual({ user: 'at once', info: undefined });
  });

  it('rejects on done(error), a rejection, or a throw, and never throws', async () => {
    const error = new Error('db down');
    await expect(callVerify((done) => done(error))).rejects.toBe(error);
    await expect(callVerify(async () => Promise.reject(error))).rejects.toBe(error);
    await expect(
      callVerify(() => {
        throw error;
      }),
    ).rejects.toBe(error);
    await expect(
      callVerify((done) => {
        setTimeout(() => done(error), 1);
      }),
    ).rejects.toBe(error);
  });

  it('ignores a second answer', () => {
    const verified = callVerify<string>((done) => {
      done(null, 'first');
      done(new Error('second'));
    });
    expect(verified).toEqual({ user: 'first', info: undefined });
  });
});
