// The probe's last line of defence (CLI internals): no key, token or control character printed.
import { describe, expect, it } from 'vitest';
import { redact } from '../src/cli/probe/redact.js';

describe('redact', () => {
  const secret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7';
  const token =
    '0901786116592958584670011532658890953260 LvzcQZHYlVvAgTxPy01xR2mq8pPA6kfuT2VSNylRwFo=';

  it('removes the given secrets and anything shaped like a token, in every string of a value', () => {
    const report = {
      text: `server said ${secret}`,
      nested: [{ detail: `echo ${token} and ${token.slice(0, 40)}x` }],
      count: 3,
      ok: true,
    };
    const clean = redact(report, [secret]);
    expect(JSON.stringify(clean)).not.toContain(secret);
    expect(JSON.stringify(clean)).not.toContain(token.slice(41));
    expect(clean).toEqual({
      text: 'server said [redacted]',
      nested: [{ detail: `echo [redacted] and ${token.slice(0, 40)}x` }],
      count: 3,
      ok: true,
    });
  });

  it('drops terminal control characters a server could send (ANSI escapes)', () => {
    expect(redact('a\u001b[2Jb\rc\u009bd', [])).toBe('a[2Jbcd');
  });
});
