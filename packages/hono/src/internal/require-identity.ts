import { ConfigurationError } from '@xmpp-token/core';

/** The required identity option, checked once at construction rather than on a request. */
export function requireIdentity<F>(identity: F): F {
  if (typeof identity !== 'function') {
    throw new ConfigurationError(
      'identity is required: pass (c) => the signed-in user, or nullish',
    );
  }
  return identity;
}
