/**
 * True for a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). Browsers send it
 * without credentials (Fetch spec), so a verifier that challenged it would break CORS for the API.
 */
export function isCorsPreflight(request: {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}): boolean {
  return (
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
  );
}
