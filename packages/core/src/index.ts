// The protocol: mint and verify, results and reasons, replay stores, JIDs, the SASL and HTTP
// encodings, keys, errors. What adapters are built from is in `@xmpp-token/core/adapter`.
export { createXmppToken } from './create-xmpp-token.js';
export type { XmppToken, XmppTokenOptions } from './create-xmpp-token.js';
export type {
  MintedToken,
  VerifyResult,
  VerifySuccess,
  VerifyFailure,
  VerifyFailureReason,
} from './verify-result.js';
export { VERIFY_FAILURE_REASONS } from './verify-result.js';
export { VERIFY_CHANNEL, MINT_CHANNEL } from './diagnostics-channels.js';
export type {
  VerifyDiagnostic,
  VerifyAcceptedDiagnostic,
  VerifyRefusedDiagnostic,
  MintDiagnostic,
} from './diagnostics-channels.js';

export type { ReplayStore } from './replay-store.js';
export { createMemoryReplayStore } from './create-memory-replay-store.js';
export type { MemoryReplayStore, MemoryReplayStoreOptions } from './create-memory-replay-store.js';

export { normalizeJid } from './normalize-jid.js';
export { encodeSaslResponse, decodeSaslResponse } from './sasl-response.js';
export type { SaslCredentials } from './sasl-response.js';
export {
  AUTHORIZATION_SCHEME,
  formatAuthorizationHeader,
  parseAuthorizationHeader,
} from './authorization-header.js';

export { generateKeys } from './generate-keys.js';
export type { GeneratedKeys } from './generate-keys.js';
export { prosodyConfig } from './prosody-config.js';

export {
  XmppTokenError,
  ConfigurationError,
  InvalidJidError,
  ForeignDomainError,
  ReplayStoreError,
  isXmppTokenError,
} from './errors.js';
export type { XmppTokenErrorCode, XmppTokenErrorByCode } from './errors.js';
export { VerificationError } from './verification-error.js';
export type { RejectionReason } from './verification-error.js';
