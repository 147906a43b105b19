import { createXmppToken, type MintedToken } from '@xmpp-token/core';
import { defineLazyToken } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';

const xmppToken = createXmppToken({
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
});

function counting(): { mint: () => MintedToken; count: () => number } {
  let calls = 0;
  return { mint: () => (calls++, xmppToken.mint('alice')), count: () => calls };
}

describe('defineLazyToken', () => {
  it('mints on first read only', () => {
    const target: { xmppToken?: MintedToken } = {};
    const { mint, count } = counting();
    defineLazyToken(target, mint, false);
    expect(count()).toBe(0);
    expect(target.xmppToken?.jid).toBe('alice@example.test');
    expect(count()).toBe(1);
  });

  it('is hidden from serializers unless enumerable', () => {
    const hidden = {};
    const shown = {};
    const a = counting();
    const b = counting();
    defineLazyToken(hidden, a.mint, false);
    defineLazyToken(shown, b.mint, true);
    expect(JSON.stringify(hidden)).toBe('{}');
    expect(a.count()).toBe(0);
    expect(Object.keys(shown)).toEqual(['xmppToken']);
  });

  it('becomes a plain value when assigned', () => {
    const target: { xmppToken?: MintedToken | undefined } = {};
    const { mint, count } = counting();
    defineLazyToken(target, mint, true);
    target.xmppToken = undefined;
    expect(target.xmppToken).toBeUndefined();
    expect(count()).toBe(0);
    expect(Object.keys(target)).toEqual(['xmppToken']);
  });
});
