const utf8 = new TextEncoder();

/**
 * The X-TOKEN initial response `authzid NUL authcid NUL token` (RFC 4616's PLAIN layout) as a
 * "binary string", one char per UTF-8 byte: both Strophe.js and xmpp.js hand the mechanism's
 * result to `btoa`, which only takes code points below 256.
 */
export function initialResponse(authzid: string, authcid: string, token: string): string {
  let binary = '';
  for (const byte of utf8.encode(`${authzid}\0${authcid}\0${token}`)) {
    binary += String.fromCharCode(byte);
  }
  return binary;
}
