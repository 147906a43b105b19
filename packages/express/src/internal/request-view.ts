import type { RequestView } from '@xmpp-token/core';
import type { Request } from 'express';

interface ParsedCookies {
  readonly cookies?: Record<string, unknown>;
  readonly signedCookies?: Record<string, unknown>;
}

/**
 * Core's framework-neutral view of an Express request. A class, so the hot path allocates one
 * small object and no closures.
 */
export class ExpressRequestView implements RequestView<Request> {
  constructor(readonly raw: Request) {}

  header(name: string): string | undefined {
    const value = this.raw.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  // cookie-parser sets a signed cookie whose signature fails to `false`: no credentials then,
  // rather than falling back to the unsigned jar.
  cookie(name: string): string | undefined {
    const { signedCookies, cookies } = this.raw as ParsedCookies;
    const value = signedCookies?.[name] ?? cookies?.[name];
    return typeof value === 'string' ? value : undefined;
  }

  get body(): unknown {
    return (this.raw as { body?: unknown }).body;
  }
}
