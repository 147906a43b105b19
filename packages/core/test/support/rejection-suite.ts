import { isXmppTokenError, type VerificationError, type XmppToken } from '@xmpp-token/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAILING_STORES, REFUSALS, clockedToken, header } from './adapter-matrix.js';

// The `onRejected` hook, the same in all six adapters: each adapter's test calls
// describeOnRejected with a driver that serves one request through the real framework.

/** What a driver configures its adapter with. */
export interface DriverOptions {
  readonly xmppToken: XmppToken;
  readonly onRejected: (error: VerificationError, context: unknown) => unknown;
  readonly credentialsRequired?: boolean;
}

/** The response status, and the framework's own request object seen before the adapter ran. */
export interface Served {
  readonly status: number;
  readonly context: unknown;
}

export interface RejectionDriver {
  /** Serves one request with this `Authorization` (none if undefined) through the adapter. */
  serve(options: DriverOptions, authorization: string | undefined): Promise<Served>;
  /** False for Passport, whose strategy always requires credentials. */
  readonly optionalCredentials: boolean;
}

type Case = [reason: string, status: number, authorization: () => string | undefined];

/**
 * Checks, for one adapter: every refusal reason calls the hook once, with the error and the
 * framework's request, and answers as without it; nothing else calls it; a hook that throws or
 * rejects changes no answer and is reported as a process warning.
 */
export function describeOnRejected(name: string, driver: RejectionDriver): void {
  describe(`${name}: onRejected`, () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    beforeAll(() => process.on('warning', onWarning));
    afterAll(() => process.off('warning', onWarning));
    afterEach(() => {
      warnings.length = 0;
    });

    const serveWith = async (
      authorization: string | undefined,
      setup: { xmppToken?: XmppToken; credentialsRequired?: boolean; hook?: () => unknown } = {},
    ) => {
      const onRejected = vi.fn<DriverOptions['onRejected']>(setup.hook);
      const xmppToken = setup.xmppToken ?? clockedToken().xmppToken;
      const { credentialsRequired } = setup;
      const options = {
        xmppToken,
        onRejected,
        ...(credentialsRequired !== undefined && { credentialsRequired }),
      };
      const served = await driver.serve(options, authorization);
      return { ...served, onRejected };
    };
    const expectCalled = (
      { context, onRejected }: Served & { onRejected: ReturnType<typeof vi.fn> },
      reason: string,
    ) => {
      expect(onRejected).toHaveBeenCalledTimes(1);
      const [error, hookContext] = onRejected.mock.calls[0] as [unknown, unknown];
      expect(isXmppTokenError(error)).toBe(true);
      expect(error).toMatchObject({ reason });
      expect(hookContext).toBe(context);
    };

    const { mintAt } = clockedToken();
    const cases: Case[] = [
      ...REFUSALS.map(([reason, make]): Case => [reason, 401, () => make(mintAt)]),
      ['credentials_required', 401, () => undefined],
    ];
    it.each(cases)(
      'calls it for %s, with the error and the request',
      async (reason, status, make) => {
        const served = await serveWith(make());
        expect(served.status).toBe(status);
        expectCalled(served, reason);
      },
    );

    it('calls it for replayed, and not for the accepted first use', async () => {
      const { xmppToken, mintAt: mint } = clockedToken();
      const authorization = header('alice', mint(0).token);
      const first = await serveWith(authorization, { xmppToken });
      expect(first.status).toBe(200);
      expect(first.onRejected).not.toHaveBeenCalled();
      const second = await serveWith(authorization, { xmppToken });
      expect(second.status).toBe(401);
      expectCalled(second, 'replayed');
    });

    // A store that throws is the synchronous path, one that rejects the asynchronous one.
    it.each(FAILING_STORES)(
      'calls it for store_failure (500) when the store %s',
      async (_, remember) => {
        const { xmppToken, mintAt: mint } = clockedToken({ remember });
        const served = await serveWith(header('alice', mint(0).token), { xmppToken });
        expect(served.status).toBe(500);
        expectCalled(served, 'store_failure');
      },
    );

    if (driver.optionalCredentials) {
      it('with credentialsRequired: false, a missing token is no rejection; a bad one is', async () => {
        const anonymous = await serveWith(undefined, { credentialsRequired: false });
        expect(anonymous.status).toBe(200);
        expect(anonymous.onRejected).not.toHaveBeenCalled();
        const garbled = await serveWith('X-TOKEN !!!', { credentialsRequired: false });
        expect(garbled.status).toBe(401);
        expectCalled(garbled, 'malformed');
      });
    }

    it.each([
      [
        'throws',
        () => {
          throw new Error('logger down');
        },
      ],
      ['rejects', () => Promise.reject(new Error('logger down'))],
    ])('a hook that %s changes no answer and is reported as a warning', async (_, hook) => {
      const served = await serveWith(header('alice', mintAt(-5 * 60_000).token), { hook });
      expect(served.status).toBe(401);
      expectCalled(served, 'expired');
      await vi.waitFor(() => expect(warnings).toHaveLength(1));
      expect(warnings[0]).toMatchObject({
        name: 'XmppTokenWarning',
        code: 'ERR_XMPP_TOKEN_HOOK',
        message: expect.stringContaining('logger down'),
      });
    });
  });
}
