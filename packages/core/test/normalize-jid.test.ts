import { normalizeJid } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';

const D = 'example.test';

describe('normalizeJid: RFC 3920 Nodeprep of the localpart, as Prosody', () => {
  it.each([
    ['alice', 'alice@example.test'],
    ['Alice', 'alice@example.test'],
    ['ALICE', 'alice@example.test'],
    ['Straße', 'strasse@example.test'],
    ['ẞ', 'ss@example.test'],
    ['ΝΙΚΟΣ', 'νικοσ@example.test'], // folding has no final sigma
    ['νικος', 'νικοσ@example.test'],
    ['ℂ', 'c@example.test'], // B.2 folds what NFKC produces
    ['™', 'tm@example.test'],
    ['ｆｕｌｌ', 'full@example.test'], // NFKC
    ['ﬁx', 'fix@example.test'],
    ['İ', 'i̇@example.test'],
    ['ı', 'ı@example.test'], // dotless i is not folded
    ['al\u00ADice', 'alice@example.test'], // soft hyphen maps to nothing (B.1)
    ['a\u200Bb', 'ab@example.test'], // zero-width space maps to nothing (B.1)
    ['אב', 'אב@example.test'], // right-to-left only: allowed
    ['o.k-1_2+x', 'o.k-1_2+x@example.test'],
  ])('%s -> %s', (user, jid) => {
    expect(normalizeJid(user, D)).toBe(jid);
  });

  it('is idempotent on what it returns', () => {
    for (const user of ['Straße', 'ΝΙΚΟΣ', 'ℂ', 'ｆｕｌｌ', 'İ']) {
      const jid = normalizeJid(user, D) ?? '';
      expect(normalizeJid(jid)).toBe(jid);
    }
  });

  it.each(['"', '&', "'", '/', ':', '<', '>'])('refuses the prohibited character %s', (char) => {
    expect(normalizeJid(`al${char}ice`, D)).toBeUndefined();
    expect(normalizeJid(char, D)).toBeUndefined();
  });

  it('refuses a second @ (the localpart cannot hold one)', () => {
    expect(normalizeJid('al@ice@example.test')).toBeUndefined();
  });

  it.each([
    ['space', 'al ice'],
    ['tab', 'al\tice'],
    ['newline', 'alice\n'],
    ['no-break space', 'al\u00A0ice'],
    ['ideographic space', 'al\u3000ice'],
    ['en quad', 'al\u2000ice'],
  ])('refuses a %s', (_name, user) => {
    expect(normalizeJid(user, D)).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007b'],
    ['DEL', 'a\u007Fb'],
    ['C1 control', 'a\u0085b'],
    ['private use', 'a\uE000b'],
    ['noncharacter', 'a\uFFFFb'],
    ['lone surrogate', 'a\uD800b'],
    ['left-to-right mark', 'a\u200Eb'],
    ['right-to-left override', 'a\u202Eb'],
  ])('refuses a %s', (_name, user) => {
    expect(normalizeJid(user, D)).toBeUndefined();
  });

  it.each([
    ['left-to-right and right-to-left letters mixed', 'aא'],
    ['right-to-left string ending in a digit', 'אב1'],
  ])('applies the bidi rule: refuses %s', (_name, user) => {
    expect(normalizeJid(user, D)).toBeUndefined();
  });

  it('refuses the empty localpart, and one that maps to nothing', () => {
    expect(normalizeJid('', D)).toBeUndefined();
    expect(normalizeJid('@example.test')).toBeUndefined();
    expect(normalizeJid('\u00AD', D)).toBeUndefined();
  });

  it('refuses a localpart of 1024 UTF-8 bytes or more, as Prosody’s stringprep', () => {
    expect(normalizeJid('a'.repeat(1023), D)).toBe(`${'a'.repeat(1023)}@${D}`);
    expect(normalizeJid('a'.repeat(1024), D)).toBeUndefined();
    expect(normalizeJid('é'.repeat(511), D)).toBe(`${'é'.repeat(511)}@${D}`);
    expect(normalizeJid('é'.repeat(512), D)).toBeUndefined(); // 1024 bytes, 512 UTF-16 units
    expect(normalizeJid('ß'.repeat(512), D)).toBeUndefined(); // input 1024 bytes
    expect(normalizeJid('ŉ'.repeat(500), D)).toBeUndefined(); // 1000 bytes in, 1500 out (ʼn)
  });
});

describe('normalizeJid: the domain', () => {
  it('completes a localpart with the default domain, lowercased', () => {
    expect(normalizeJid('alice', 'Example.TEST')).toBe('alice@example.test');
  });

  it('takes the domain of a bare JID over the default, lowercased', () => {
    expect(normalizeJid('Alice@Other.Example', D)).toBe('alice@other.example');
  });

  it('needs a domain for a bare localpart', () => {
    expect(normalizeJid('alice')).toBeUndefined();
    expect(normalizeJid('alice@')).toBeUndefined();
  });

  it.each(['exa mple.test', 'example.test/resource', 'a"b', 'a<b', 'a:5222', "o'k"])(
    'refuses the domain %s',
    (domain) => {
      expect(normalizeJid(`alice@${domain}`)).toBeUndefined();
    },
  );
});
