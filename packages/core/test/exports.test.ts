import { createRequire } from 'node:module';
import * as adapter from '@xmpp-token/core/adapter';
import * as root from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';

// The root export is the protocol; what adapters are built from is behind a subpath, as jose
// keeps its parts behind subpaths. Both lists are exact, so a new export is a decision.
describe('@xmpp-token/core exports', () => {
  it('the root: the protocol only', () => {
    expect(Object.keys(root).sort()).toEqual([
      'AUTHORIZATION_SCHEME',
      'ConfigurationError',
      'ForeignDomainError',
      'InvalidJidError',
      'MINT_CHANNEL',
      'ReplayStoreError',
      'VERIFY_CHANNEL',
      'VERIFY_FAILURE_REASONS',
      'VerificationError',
      'XmppTokenError',
      'createMemoryReplayStore',
      'createXmppToken',
      'decodeSaslResponse',
      'encodeSaslResponse',
      'formatAuthorizationHeader',
      'generateKeys',
      'isXmppTokenError',
      'normalizeJid',
      'parseAuthorizationHeader',
      'prosodyConfig',
    ]);
  });

  it('/adapter: the plumbing the framework adapters share', () => {
    expect(Object.keys(adapter).sort()).toEqual([
      'HTTP_STATUS_BY_REASON',
      'TOKEN_RESPONSE_HEADERS',
      'createCredentialsResponder',
      'createNodeRequestView',
      'createRejectionNotifier',
      'createRequestAuthenticator',
      'createRequestView',
      'createTimeoutRace',
      'createTokenIssuer',
      'credentialsBody',
      'defineLazyToken',
      'formatChallenge',
      'fromAuthorizationHeader',
      'fromBody',
      'fromCookie',
      'fromFirst',
      'fromHeader',
      'identityOf',
      'isCorsPreflight',
      'readCookie',
      'readHeader',
    ]);
  });

  it('the built package: one VerificationError class for both entries, in ESM and CJS', async () => {
    // Resolved as a dependent package resolves it, through the exports map to dist.
    const require = createRequire(new URL('../../express/package.json', import.meta.url));
    const esm = (path: string) => import(/* @vite-ignore */ path.replace(/\.cjs$/, '.js'));
    const builds = [
      [require('@xmpp-token/core/adapter'), require('@xmpp-token/core')],
      [
        await esm(require.resolve('@xmpp-token/core/adapter')),
        await esm(require.resolve('@xmpp-token/core')),
      ],
    ] as [typeof adapter, typeof root][];
    for (const [entry, main] of builds) {
      const authenticate = entry.createRequestAuthenticator({
        xmppToken: main.createXmppToken({
          tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
          otpSeed: 'XVGR73KMZH2M4XMY',
          domain: 'example.test',
        }),
      });
      const outcome = await authenticate(entry.createNodeRequestView({ headers: {} }));
      expect(outcome.status === 'rejected' && outcome.error).toBeInstanceOf(main.VerificationError);
      expect(Object.keys(main).sort()).toEqual(Object.keys(root).sort());
    }
  });
});
