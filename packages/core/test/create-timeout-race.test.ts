import { createTimeoutRace } from '@xmpp-token/core/adapter';
import { afterEach, describe, expect, it, vi } from 'vitest';

const timedOut = () => new Error('no answer in time');
const same = <T>(value: T) => value;
const rethrow = (error: unknown): never => {
  throw error;
};
/** A promise and the functions that settle it, as a slow server's reply. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createTimeoutRace', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles with onValue of an answer in time, or onError of a rejection', async () => {
    const race = createTimeoutRace(1_000, timedOut);
    await expect(race(Promise.resolve('OK'), (reply) => reply === 'OK', rethrow)).resolves.toBe(
      true,
    );
    const failure = new Error('READONLY');
    await expect(race(Promise.reject(failure), same, (error) => ({ error }))).resolves.toEqual({
      error: failure,
    });
    await expect(race(Promise.reject(failure), same, rethrow)).rejects.toBe(failure);
  });

  it('rejects when onValue throws (an answer that means nothing)', async () => {
    const race = createTimeoutRace(1_000, timedOut);
    const nonsense = new Error('unexpected reply');
    const read = () => {
      throw nonsense;
    };
    await expect(race(Promise.resolve('QUEUED'), read, rethrow)).rejects.toBe(nonsense);
  });

  it('takes a thenable whose then throws as a rejection', async () => {
    const race = createTimeoutRace(1_000, timedOut);
    const broken = new Error('bad thenable');
    const thenable = {
      then() {
        throw broken;
      },
    };
    await expect(race(thenable, same, rethrow)).rejects.toBe(broken);
  });

  it('gives the timeout error to onError once the time is up, and ignores a late answer', async () => {
    vi.useFakeTimers();
    const race = createTimeoutRace(250, timedOut);
    const reply = deferred<string>();
    const onValue = vi.fn(same<string>);
    const raced = race(reply.promise, onValue, (error) => error);
    await vi.advanceTimersByTimeAsync(249);
    let settled = false;
    void raced.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(raced).resolves.toMatchObject({ message: 'no answer in time' });
    reply.resolve('OK');
    await Promise.resolve();
    expect(onValue).not.toHaveBeenCalled();
  });

  it('uses one timer for every answer waited for, and leaves none once all are in', async () => {
    vi.useFakeTimers();
    const race = createTimeoutRace(250, timedOut);
    const replies = Array.from({ length: 100 }, () => deferred<string>());
    const raced = replies.map(({ promise }) => race(promise, same, rethrow));
    expect(vi.getTimerCount()).toBe(1);
    for (const { resolve } of replies) resolve('OK');
    await Promise.all(raced);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expires each answer at its own deadline, oldest first', async () => {
    vi.useFakeTimers();
    const race = createTimeoutRace(100, timedOut);
    const outcomes: string[] = [];
    const track = (name: string) =>
      race(deferred<string>().promise, same, () => {
        outcomes.push(name);
        return name;
      });
    const first = track('first');
    await vi.advanceTimersByTimeAsync(60);
    const second = track('second');
    await vi.advanceTimersByTimeAsync(40);
    await first;
    expect(outcomes).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(59);
    expect(outcomes).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(outcomes).toEqual(['first', 'second']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('skips answers already in when the timer fires for them', async () => {
    vi.useFakeTimers();
    const race = createTimeoutRace(100, timedOut);
    const early = deferred<string>();
    const answered = race(early.promise, same, rethrow);
    await vi.advanceTimersByTimeAsync(50);
    const pending = race(deferred<string>().promise, same, (error) => error);
    early.resolve('OK');
    await expect(answered).resolves.toBe('OK');
    expect(vi.getTimerCount()).toBe(1); // still waiting for the second one
    await vi.advanceTimersByTimeAsync(100);
    await expect(pending).resolves.toMatchObject({ message: 'no answer in time' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('still expires a silent answer among thousands of quick ones, then leaves no timer', async () => {
    vi.useFakeTimers();
    const race = createTimeoutRace(250, timedOut);
    const silent = race(deferred<string>().promise, same, (error) => error);
    for (let ms = 0; ms < 300; ms++) {
      const replies = Array.from({ length: 20 }, () => deferred<number>());
      const raced = replies.map(({ promise }) => race(promise, same, rethrow));
      replies.forEach(({ resolve }, i) => resolve(i));
      await expect(Promise.all(raced)).resolves.toHaveLength(20);
      await vi.advanceTimersByTimeAsync(1);
      if (ms === 248) expect(vi.getTimerCount()).toBe(1);
    }
    await expect(silent).resolves.toMatchObject({ message: 'no answer in time' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
