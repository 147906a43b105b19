import saslprep from '@mongodb-js/saslprep';

// RFC 3454 table B.1: code points mapped to nothing. Each is matched alone (variation selectors
// and combining grapheme joiner included), so the class is not misleading.
/* eslint-disable no-misleading-character-class */
const MAPPED_TO_NOTHING =
  /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
/* eslint-enable no-misleading-character-class */
// RFC 3920 appendix A.5: the eight ASCII characters Nodeprep prohibits beyond SASLprep's tables,
// and every space (C.1.1, C.1.2), which SASLprep would map to U+0020 instead of refusing.
const NODE_PROHIBITED =
  /["&'/:<>@\s\u0085\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]/u;
// Already-prepared localparts, the common case, skip the Unicode work.
const PLAIN_ASCII = /^[a-z0-9._\-+!#$%*=?^`{|}~]+$/;

/**
 * RFC 3920 Nodeprep as Prosody applies it to the SASL authcid: map (B.1, B.2 case folding),
 * NFKC, prohibit, bidi check. Returns undefined where Prosody would refuse the localpart.
 */
export function nodeprep(localpart: string): string | undefined {
  // Prosody's stringprep refuses input or output of 1024 UTF-8 bytes or more.
  if (localpart.length > 1023) return undefined;
  if (PLAIN_ASCII.test(localpart)) return localpart;
  if (Buffer.byteLength(localpart) > 1023) return undefined;
  const folded = caseFold(localpart.replace(MAPPED_TO_NOTHING, '')).normalize('NFKC');
  // B.2 also folds what NFKC yields (`ℂ` -> `C` -> `c`): RFC 3454 built it as fold, NFKC, fold.
  const mapped = caseFold(folded).normalize('NFKC');
  if (mapped.length === 0 || Buffer.byteLength(mapped) > 1023 || NODE_PROHIBITED.test(mapped)) {
    return undefined;
  }
  try {
    // SASLprep shares Nodeprep's C.2-C.9 tables and RFC 3454 section 6 bidi rules.
    return saslprep(mapped, { allowUnassigned: true }) === mapped ? mapped : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Table B.2 starts from Unicode full case folding. Upper- then lower-casing yields the
 * full folding (`ß` -> `ss`) except for dotless i, which folding leaves alone, and final sigma:
 * `toLowerCase` writes `ς` at a word's end, folding always `σ`.
 */
function caseFold(text: string): string {
  return text.replace(/[^\u0131]+/gu, (run) => run.toUpperCase().toLowerCase()).replace(/ς/g, 'σ');
}
