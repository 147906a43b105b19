import { ConfigurationError, VerificationError } from '@xmpp-token/core';
import { createRejectionNotifier, type RejectionHook } from '@xmpp-token/core/adapter';
import { describe, expect, it, vi } from 'vitest';

// The adapters' shared behavior is tested through each framework (test/support/rejection-suite);
// these are the notifier's own edges.
describe('createRejectionNotifier', () => {
  it('refuses a hook that is not a function, at construction', () => {
    const hook = 'log' as unknown as RejectionHook<unknown>;
    expect(() => createRejectionNotifier(hook)).toThrow(ConfigurationError);
  });

  it('without a hook, notifies nobody and returns nothing', () => {
    const notify = createRejectionNotifier<object>(undefined);
    expect(notify(new VerificationError('expired', 'xmpp'), {})).toBeUndefined();
  });

  it('passes the error and the context, and ignores what the hook returns', () => {
    const hook = vi.fn(() => 'ignored');
    const notify = createRejectionNotifier<{ id: number }>(hook);
    const error = new VerificationError('replayed', 'xmpp');
    const context = { id: 1 };
    expect(notify(error, context)).toBeUndefined();
    expect(hook).toHaveBeenCalledWith(error, context);
  });
});
