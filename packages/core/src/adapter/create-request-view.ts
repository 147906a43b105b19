import { RequestViewImpl } from '../internal/request-view.js';

/**
 * A framework-neutral view of an HTTP request, built by each adapter, so that token locations are
 * written once. `raw` is the framework's own request (Express `req`, Koa `ctx`). The functions
 * need no `this`: an extractor may destructure them (`({ header }) => header('x-token')`).
 */
export interface RequestView<Raw = unknown> {
  readonly raw: Raw;
  /** A header value by lower-case name (the first, if repeated). */
  readonly header: (name: string) => string | undefined;
  /** A cookie value, percent-decoded, if the app parses cookies (or the framework does). */
  readonly cookie: (name: string) => string | undefined;
  /** The parsed body, if the app parses bodies. */
  readonly body: unknown;
}

/**
 * How an adapter reads its framework's request: plain functions of the raw request, written once
 * per framework and shared by every request, so a view costs one small object and no closures.
 */
export interface RequestAccess<Raw> {
  header(raw: Raw, name: string): string | undefined;
  cookie(raw: Raw, name: string): string | undefined;
  body(raw: Raw): unknown;
}

/**
 * Wraps a framework request as a {@link RequestView}. Core's extractors read it through `access`
 * directly; `header`/`cookie` are bound lazily, only for an extractor that reads them itself.
 *
 * @example
 * ```ts
 * const KOA: RequestAccess<Context> = {
 *   header: (ctx, name) => readHeader(ctx.headers, name),
 *   cookie: (ctx, name) => readCookie(ctx.cookies, name),
 *   body: (ctx) => (ctx.request as { body?: unknown }).body,
 * };
 * const view = createRequestView(ctx, KOA);
 * ```
 */
export function createRequestView<Raw>(raw: Raw, access: RequestAccess<Raw>): RequestView<Raw> {
  return new RequestViewImpl(raw, access);
}
