import type { RequestAccess, RequestView } from '../adapter/create-request-view.js';

/**
 * The adapters' {@link RequestView}: the raw request and its framework's shared accessors. The
 * bound `header`/`cookie` are made on first read, since only custom extractors (which may
 * destructure them) read them; core's own extractors go through {@link headerOf}/{@link cookieOf}.
 */
export class RequestViewImpl<Raw> implements RequestView<Raw> {
  private boundHeader: ((name: string) => string | undefined) | undefined;
  private boundCookie: ((name: string) => string | undefined) | undefined;

  constructor(
    readonly raw: Raw,
    readonly access: RequestAccess<Raw>,
  ) {}

  get header(): (name: string) => string | undefined {
    return (this.boundHeader ??= (name) => this.access.header(this.raw, name));
  }

  get cookie(): (name: string) => string | undefined {
    return (this.boundCookie ??= (name) => this.access.cookie(this.raw, name));
  }

  get body(): unknown {
    return this.access.body(this.raw);
  }
}

/** A header of any view, without binding one for an adapter's view. */
export function headerOf(view: RequestView<unknown>, name: string): string | undefined {
  return view instanceof RequestViewImpl ? view.access.header(view.raw, name) : view.header(name);
}

/** A cookie of any view, without binding one for an adapter's view. */
export function cookieOf(view: RequestView<unknown>, name: string): string | undefined {
  return view instanceof RequestViewImpl ? view.access.cookie(view.raw, name) : view.cookie(name);
}
