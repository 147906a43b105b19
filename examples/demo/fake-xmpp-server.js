// A stand-in for Prosody's XMPP-over-WebSocket endpoint (RFC 7395), for the demo and the tests.
// It speaks just enough XMPP for a client to sign in: X-TOKEN SASL (verified by @xmpp-token/core,
// as mod_auth_token would), resource binding, and an error for every other request. It matches
// stanzas with regular expressions, which is fine for the well-formed frames of Strophe.js and
// xmpp.js (one stanza per frame) but is no XML parser: never put it in front of real users.
import { randomUUID } from 'node:crypto';
import { decodeSaslResponse } from '@xmpp-token/core';
import { WebSocketServer } from 'ws';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

/**
 * Serves the fake endpoint on `path` of an existing HTTP server.
 * `onAuth({ authcid, response, result })` reports every `<auth>`: `response` is the base64
 * initial response as sent, `result` core's verification result.
 */
export function attachFakeXmppServer(httpServer, { xmppToken, path = '/xmpp-websocket', onAuth }) {
  const wss = new WebSocketServer({ server: httpServer, path });
  wss.on('connection', (socket) => {
    const session = { socket, xmppToken, onAuth, jid: undefined };
    socket.on('message', (data) => {
      handleFrame(session, String(data)).catch(() => socket.close(1011));
    });
  });
  return {
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

async function handleFrame(session, frame) {
  const name = /^\s*<([\w:-]+)/.exec(frame)?.[1];
  if (name === 'open') openStream(session, frame);
  else if (name === 'auth') await authenticate(session, frame);
  else if (name === 'iq') answerIq(session, frame);
  else if (name === 'close') {
    session.socket.send(`<close xmlns="${FRAMING}"/>`);
    session.socket.close();
  }
}

function openStream(session, frame) {
  const domain = session.xmppToken.domain ?? attribute(frame, 'to') ?? 'localhost';
  session.domain = domain;
  const id = randomUUID();
  session.socket.send(
    `<open xmlns="${FRAMING}" from="${domain}" id="${id}" version="1.0" xml:lang="en"/>`,
  );
  const features =
    session.jid === undefined
      ? `<mechanisms xmlns="${SASL}"><mechanism>X-TOKEN</mechanism></mechanisms>`
      : `<bind xmlns="${BIND}"/>`;
  session.socket.send(
    `<stream:features xmlns:stream="http://etherx.jabber.org/streams">${features}</stream:features>`,
  );
}

async function authenticate(session, frame) {
  const response = /<auth[^>]*>([^<]*)<\/auth>/.exec(frame)?.[1] ?? '';
  const credentials = decodeSaslResponse(response);
  const result =
    attribute(frame, 'mechanism') !== 'X-TOKEN' || credentials === undefined
      ? { ok: false, reason: 'malformed' }
      : await session.xmppToken.verify(
          `${credentials.authcid}@${session.domain}`,
          credentials.token,
        );
  session.onAuth?.({ authcid: credentials?.authcid, response, result });
  if (result.ok) {
    session.jid = result.jid;
    session.socket.send(`<success xmlns="${SASL}"/>`);
  } else {
    session.socket.send(`<failure xmlns="${SASL}"><not-authorized/></failure>`);
  }
}

function answerIq(session, frame) {
  const id = attribute(frame, 'id') ?? '';
  if (session.jid === undefined) {
    session.socket.close(1008);
    return;
  }
  if (frame.includes(`xmlns="${BIND}"`) || frame.includes(`xmlns='${BIND}'`)) {
    const resource = /<resource>([^<]+)<\/resource>/.exec(frame)?.[1] ?? randomUUID();
    session.fullJid = `${session.jid}/${resource}`;
    session.socket.send(
      `<iq xmlns="jabber:client" type="result" id="${id}"><bind xmlns="${BIND}"><jid>${session.fullJid}</jid></bind></iq>`,
    );
  } else if (['get', 'set'].includes(attribute(frame, 'type'))) {
    session.socket.send(
      `<iq xmlns="jabber:client" type="error" id="${id}" to="${session.fullJid}" from="${session.domain}">` +
        '<error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    );
  }
}

function attribute(frame, name) {
  const tag = /^\s*<[^>]*>/.exec(frame)?.[0] ?? '';
  return new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find(Boolean);
}
