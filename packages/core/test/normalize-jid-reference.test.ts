import { normalizeJid } from '@xmpp-token/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, probePython, runPython } from './support/python.js';

/**
 * RFC 3920 Nodeprep built from Python's `stringprep` module, which carries RFC 3454's own tables
 * (Unicode 3.2), the tables Prosody's libidn/ICU nodeprep uses. Strings with a code point
 * unassigned in Unicode 3.2 are skipped: there Prosody's result depends on its library's flags.
 */
const REFERENCE = String.raw`
import json, stringprep, sys, unicodedata
ucd = unicodedata.ucd_3_2_0
NODE_PROHIBITED = set('"&\'/:<>@')
PROHIBITED = [stringprep.in_table_c11, stringprep.in_table_c12, stringprep.in_table_c21,
    stringprep.in_table_c22, stringprep.in_table_c3, stringprep.in_table_c4, stringprep.in_table_c5,
    stringprep.in_table_c6, stringprep.in_table_c7, stringprep.in_table_c8, stringprep.in_table_c9]

def nodeprep(s):
    mapped = ''.join(stringprep.map_table_b2(ch) for ch in s if not stringprep.in_table_b1(ch))
    out = ucd.normalize('NFKC', mapped)
    if out == '' or len(out.encode()) > 1023:
        return None
    if any(ch in NODE_PROHIBITED or any(t(ch) for t in PROHIBITED) for ch in out):
        return None
    if any(stringprep.in_table_d1(ch) for ch in out):
        if any(stringprep.in_table_d2(ch) for ch in out):
            return None
        if not (stringprep.in_table_d1(out[0]) and stringprep.in_table_d1(out[-1])):
            return None
    return out

def prep(s):
    if any(ucd.category(ch) == 'Cn' for ch in s):
        return {'skip': True}
    return {'value': nodeprep(s)}

json.dump([prep(s) for s in json.load(sys.stdin)], sys.stdout)
`;

// Unicode Corrigendum #4 changed these five decompositions after 3.2; Python keeps the old ones.
const CORRIGENDUM_4 = new Set(
  [0x2f868, 0x2f874, 0x2f91f, 0x2f95f, 0x2f9bf].map((cp) => String.fromCodePoint(cp)),
);

const everyCodePoint: string[] = [];
// Planes 0 and 1, and the CJK compatibility ideographs of plane 2 (the rest of it is unmapped).
for (let cp = 0x20; cp <= 0x2fa1f; cp = cp === 0x1ffff ? 0x2f800 : cp + 1) {
  const char = String.fromCodePoint(cp);
  if ((cp < 0xd800 || cp > 0xdfff) && char !== '@' && !CORRIGENDUM_4.has(char))
    everyCodePoint.push(char);
}

// Short strings mixing the blocks where the rules interact: cases, compatibility forms, combining
// marks, right-to-left scripts, spaces and format characters, mathematical letters.
const mixedUnit = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0xa0, max: 0x24f }),
    fc.integer({ min: 0x300, max: 0x3ff }),
    fc.integer({ min: 0x590, max: 0x6ff }),
    fc.integer({ min: 0x200b, max: 0x206f }),
    fc.integer({ min: 0x2100, max: 0x33ff }),
    fc.integer({ min: 0xfb00, max: 0xffef }),
    fc.integer({ min: 0x1d400, max: 0x1d7ff }),
  )
  .map((cp) => String.fromCodePoint(cp))
  .filter((char) => char !== '@');
const mixed = fc.sample(fc.string({ unit: mixedUnit, minLength: 1, maxLength: 6 }), {
  numRuns: 20_000,
  seed: 3454,
});

const python = probePython(['stringprep', 'unicodedata']);

describe.skipIf(python.skip)(
  'normalizeJid agrees with RFC 3454’s tables (Python stringprep)',
  () => {
    const mismatches = (
      inputs: readonly string[],
      reference: readonly { skip?: true; value?: string | null }[],
    ) => {
      const found: {
        input: string;
        codePoints: string;
        reference: string | null;
        ours: string | null;
      }[] = [];
      inputs.forEach((input, i) => {
        const expected = reference[i];
        if (expected === undefined || expected.skip === true) return;
        const ours = normalizeJid(input, 'example.test')?.slice(0, -'@example.test'.length) ?? null;
        if (ours !== expected.value) {
          const codePoints = [...input].map((c) => (c.codePointAt(0) ?? 0).toString(16)).join(' ');
          found.push({ input, codePoints, reference: expected.value ?? null, ours });
        }
      });
      return found;
    };

    let single: { skip?: true; value?: string | null }[] = [];
    let multiple: { skip?: true; value?: string | null }[] = [];
    beforeAll(() => {
      if (!python.available) return;
      single = runPython(REFERENCE, everyCodePoint);
      multiple = runPython(REFERENCE, mixed);
    });

    it(`${PYTHON} has stringprep (required when CI is set)`, () => {
      expect(python.available, python.problem).toBe(true);
    });

    it('on every code point assigned in Unicode 3.2, U+0020 to U+1FFFF and U+2F800 to U+2FA1F', () => {
      expect(single.filter((r) => r.skip !== true).length).toBeGreaterThan(50_000);
      expect(mismatches(everyCodePoint, single).slice(0, 20)).toEqual([]);
    });

    it('on 20,000 mixed strings (bidi, combining marks, final sigma, compatibility forms)', () => {
      expect(multiple.filter((r) => r.skip !== true).length).toBeGreaterThan(10_000);
      expect(mismatches(mixed, multiple).slice(0, 20)).toEqual([]);
    });
  },
);
