import { isCorsPreflight } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';

describe('isCorsPreflight', () => {
  it('is true only for OPTIONS with Access-Control-Request-Method', () => {
    const acrm = { 'access-control-request-method': 'GET' };
    expect(isCorsPreflight({ method: 'OPTIONS', headers: acrm })).toBe(true);
    expect(isCorsPreflight({ method: 'OPTIONS', headers: {} })).toBe(false);
    expect(isCorsPreflight({ method: 'GET', headers: acrm })).toBe(false);
    expect(isCorsPreflight({ method: undefined, headers: acrm })).toBe(false);
  });
});
