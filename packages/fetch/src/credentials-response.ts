import type { CredentialsReply } from '@xmpp-token/core/adapter';

/**
 * Turns core's credentials decision into a `Response`: JSON with its status and no-store
 * headers; no body for `HEAD` (the same headers as `GET`) nor for a 405. For adapters on the
 * fetch API whose identity function takes their own context (as `@xmpp-token/hono`).
 */
export function credentialsResponse(reply: CredentialsReply, method: string): Response {
  const { status, headers, body } = reply;
  if (body === undefined) return new Response(null, { status, headers });
  const json = { ...headers, 'Content-Type': 'application/json; charset=utf-8' };
  return new Response(method === 'HEAD' ? null : JSON.stringify(body), { status, headers: json });
}
