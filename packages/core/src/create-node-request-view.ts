import type { RequestView } from './request-credentials.js';

/**
 * The request shape Express and Passport share: Node's lower-cased `headers`, the `cookies` and
 * `signedCookies` of cookie-parser (or a jar with `get(name)`, as koa-passport passes Koa's),
 * and a parsed `body`.
 */
export interface NodeLikeRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly cookies?: unknown;
  readonly signedCookies?: unknown;
  readonly body?: unknown;
}

/**
 * A {@link RequestView} of a Node-style request. A class, so the hot path allocates one small
 * object and no closures.
 */
class NodeRequestView<Raw extends NodeLikeRequest> implements RequestView<Raw> {
  constructor(readonly raw: Raw) {}

  header(name: string): string | undefined {
    const value = this.raw.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  // cookie-parser sets a signed cookie whose signature fails to `false`: no credentials then,
  // rather than falling back to the unsigned jar.
  cookie(name: string): string | undefined {
    const signed = cookieIn(this.raw.signedCookies, name);
    return signed !== undefined ? asString(signed) : asString(cookieIn(this.raw.cookies, name));
  }

  get body(): unknown {
    return this.raw.body;
  }
}

/** Wraps an Express (or koa-passport) request as core's framework-neutral {@link RequestView}. */
export function createNodeRequestView<Raw extends NodeLikeRequest>(request: Raw): RequestView<Raw> {
  return new NodeRequestView(request);
}

function cookieIn(jar: unknown, name: string): unknown {
  if (typeof jar !== 'object' || jar === null) return undefined;
  const { get } = jar as { get?: unknown };
  return typeof get === 'function' ? get.call(jar, name) : (jar as Record<string, unknown>)[name];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
