// The response, as Express (`req.res`) and koa-passport (a mock whose `setHeader` is `ctx.set`)
// both link it from the request.
interface LinkedResponse {
  getHeader?(name: string): unknown;
  setHeader(name: string, value: string | string[]): unknown;
}

/**
 * Adds `challenge` to the response's `WWW-Authenticate`, after those of strategies that failed
 * before in the same chain, so a default 401 still carries it when Passport sends no string
 * challenge itself.
 */
export function sendChallenge(req: object, challenge: string): void {
  const res = (req as { res?: Partial<LinkedResponse> }).res;
  if (typeof res?.setHeader !== 'function') return;
  const before: unknown =
    typeof res.getHeader === 'function' ? res.getHeader('WWW-Authenticate') : undefined;
  const earlier = Array.isArray(before) ? before : typeof before === 'string' ? [before] : [];
  res.setHeader('WWW-Authenticate', [...earlier, challenge]);
}
