// Starts Converse.js with the X-TOKEN mechanism from @xmpp-token/client, and ends the chat with
// the web session. Both are plain ES modules served by the demo app (see app.js), so the page
// needs no bundler.
import converse from '/converse/converse.min.js';
import {
  createStropheXToken,
  endXmppSessionOnLogout,
  registerConverseLogout,
} from '/xmpp-token/index.js';

const config = JSON.parse(document.getElementById('xmpp-config').textContent);
// No XMPP_WEBSOCKET_URL: the demo's own test endpoint, on this origin.
const websocketUrl =
  config.websocketUrl ?? new URL('/xmpp-websocket', location.href).href.replace(/^http/, 'ws');

// A 401 from /xmpp/credentials (signed out elsewhere, or the session expired) ends the chat
// instead of Converse retrying it every 2 s; the notice offers to sign in again.
const converseLogout = registerConverseLogout(converse, {
  onSignedOut: () => (document.getElementById('signed-out').hidden = false),
});

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
  whitelisted_plugins: [converseLogout.plugin],
});

// "Sign out" ends the XMPP session first (and in the app's other tabs), then posts the form.
endXmppSessionOnLogout(converseLogout.endSession, { form: document.forms.namedItem('logout') });
