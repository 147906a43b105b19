export { findProsody } from './find-prosody.js';
export {
  openXmppStream,
  type SaslOutcome,
  type XmppStream,
  type XmppStreamOptions,
} from './open-xmpp-stream.js';
export type {
  ProsodyServer,
  RestartProsodyOptions,
  StartProsodyOptions,
} from './prosody-server.js';
export type { LuaValue } from './internal/lua-value.js';
export { startProsody } from './start-prosody.js';
