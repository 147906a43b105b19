// Starts Converse.js with the X-TOKEN mechanism from @xmpp-token/client. Both are plain ES
// modules served by the demo app (see app.js), so the page needs no bundler.
import converse from '/converse/converse.min.js';
import { createStropheXToken } from '/xmpp-token/index.js';

const config = JSON.parse(document.getElementById('xmpp-config').textContent);
// No XMPP_WEBSOCKET_URL: the demo's own test endpoint, on this origin.
const websocketUrl =
  config.websocketUrl ?? new URL('/xmpp-websocket', location.href).href.replace(/^http/, 'ws');

converse.initialize({
  authentication: 'login',
  auto_login: true,
  auto_reconnect: true,
  // GET -> { jid, password }: a fresh token, fetched again on every (re)connect.
  credentials_url: '/xmpp/credentials',
  websocket_url: websocketUrl,
  discover_connection_methods: false,
  // Extend Converse's own copy of Strophe; with only X-TOKEN listed, no other mechanism is tried.
  connection_options: { mechanisms: [createStropheXToken(converse.env.Strophe)] },
  assets_path: '/converse/',
  view_mode: 'overlayed',
  show_controlbox_by_default: true,
  clear_cache_on_logout: true,
});
