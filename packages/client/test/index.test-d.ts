import { describe, expectTypeOf, it } from 'vitest';
import {
  endXmppSessionOnLogout,
  registerConverseLogout,
  type ConverseLogout,
  type SignedOutReason,
  type XmppLogout,
  createCredentialsFetcher,
  createStropheXToken,
  isXmppTokenClientError,
  registerXmppJsXToken,
  xmppJsCredentials,
  type XmppCredentials,
  type XmppJsCredentialsHandler,
  type XmppTokenClientError,
} from '@xmpp-token/client';

class SASLMechanism {
  constructor(
    public mechname: string,
    public isClientFirst: boolean,
    public priority: number,
  ) {}
}
class SASLPlain extends SASLMechanism {
  constructor(mechname = 'PLAIN', isClientFirst = true, priority = 50) {
    super(mechname, isClientFirst, priority);
  }
}

describe('public types', () => {
  it('createStropheXToken returns the SASLPlain class it was given, so Strophe types accept it', () => {
    const XToken = createStropheXToken({ SASLPlain });
    expectTypeOf(XToken).toEqualTypeOf<typeof SASLPlain>();
    expectTypeOf([XToken]).toExtend<(new (...args: never[]) => SASLMechanism)[]>();
    // @ts-expect-error a Strophe namespace is required
    createStropheXToken({});
  });

  it('registerXmppJsXToken returns the factory', () => {
    const factory = { use: () => undefined, extra: 1 };
    expectTypeOf(registerXmppJsXToken(factory)).toEqualTypeOf<typeof factory>();
  });

  it('the fetcher and the xmpp.js handler', () => {
    const fetchCredentials = createCredentialsFetcher({ url: '/xmpp/credentials' });
    expectTypeOf(fetchCredentials).toEqualTypeOf<() => Promise<XmppCredentials>>();
    expectTypeOf(xmppJsCredentials(fetchCredentials)).toEqualTypeOf<XmppJsCredentialsHandler>();
    // @ts-expect-error credentials: 'omit' would drop the session cookie the route needs
    createCredentialsFetcher({ url: '/x', credentials: 'omit' });
  });

  it('isXmppTokenClientError narrows', () => {
    const error: unknown = new Error('x');
    if (isXmppTokenClientError(error)) expectTypeOf(error).toEqualTypeOf<XmppTokenClientError>();
  });

  it('registerConverseLogout and endXmppSessionOnLogout', () => {
    const converse = { plugins: { add: (name: string, plugin: object) => void [name, plugin] } };
    const converseLogout = registerConverseLogout(converse, {
      credentials: 'include',
      onSignedOut: (reason) => expectTypeOf(reason).toEqualTypeOf<SignedOutReason>(),
    });
    expectTypeOf(converseLogout).toEqualTypeOf<ConverseLogout>();
    expectTypeOf(converseLogout.plugin).toEqualTypeOf<string>();
    // @ts-expect-error only 'same-origin' and 'include': 'omit' would drop the session cookie
    registerConverseLogout(converse, { credentials: 'omit' });
    // @ts-expect-error the public converse object, which has plugins.add
    registerConverseLogout({ initialize() {} });

    const form = { addEventListener() {}, removeEventListener() {}, submit() {} };
    const logout = endXmppSessionOnLogout(converseLogout.endSession, { form, channel: false });
    expectTypeOf(logout).toEqualTypeOf<XmppLogout>();
    expectTypeOf(logout.logout).returns.toEqualTypeOf<Promise<void>>();
    endXmppSessionOnLogout(() => undefined, { form: null });
    // @ts-expect-error a form it can submit
    endXmppSessionOnLogout(() => undefined, { form: { addEventListener() {} } });
  });
});
