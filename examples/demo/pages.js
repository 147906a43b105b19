// The demo's two HTML pages, as template strings: no view engine to install or learn.

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const layout = (title, body, head = '') => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; }
    form { display: grid; gap: 0.5rem; max-width: 20rem; }
    .error { color: #b00020; }
    code { background: #f3f3f3; padding: 0 0.25rem; }
  </style>
  ${head}
</head>
<body>
${body}
</body>
</html>
`;

/** The sign-in form; `error` is shown above it. */
export function signInPage({ error, hint }) {
  return layout(
    'Sign in: xmpp-token demo',
    `<h1>xmpp-token demo</h1>
<p>Sign in to the web app; the chat then logs you into XMPP with a one-time token, no XMPP password.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
  <label>User <input name="username" autocomplete="username" value="${escapeHtml(hint)}" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<p>The demo user's password was printed in the terminal that runs the demo.</p>`,
  );
}

/**
 * The signed-in page that starts Converse.js (public/chat.js reads `config`). Its logout form
 * ends the XMPP session before it posts (public/chat.js); `#signed-out` shows once the chat ended.
 */
export function chatPage({ username, config }) {
  // JSON inside <script>: escape "<" so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return layout(
    'Chat: xmpp-token demo',
    `<h1>Hello, ${escapeHtml(username)}</h1>
<p>Converse.js (bottom right) fetched <code>/xmpp/credentials</code> and signed in to
<code>${escapeHtml(config.websocketUrl ?? 'the built-in test endpoint')}</code> with SASL X-TOKEN.</p>
<form name="logout" method="post" action="/logout"><button type="submit">Sign out</button></form>
<p id="signed-out" class="error" role="status" hidden>You are signed out (here, in another tab, or
your session expired), so the chat ended. <a href="/">Sign in again</a></p>
<script type="application/json" id="xmpp-config">${json}</script>
<script type="module" src="/static/chat.js"></script>`,
    '<link rel="stylesheet" href="/converse/converse.min.css">',
  );
}
