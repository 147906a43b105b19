import type { RequestView } from '@xmpp-token/core/adapter';

/** A fake framework request: headers by any case, cookies, a parsed body. */
export function fakeRequest(
  parts: {
    readonly headers?: Readonly<Record<string, string>>;
    readonly cookies?: Readonly<Record<string, string>>;
    readonly body?: unknown;
  } = {},
): RequestView<{ id: string }> {
  const headers = new Map(
    Object.entries(parts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const cookies = new Map(Object.entries(parts.cookies ?? {}));
  return {
    raw: { id: 'raw-request' },
    header: (name) => headers.get(name),
    cookie: (name) => cookies.get(name),
    body: parts.body,
  };
}
