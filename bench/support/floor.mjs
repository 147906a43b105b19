// The floor: the tightest hand-written, synchronous node:crypto code doing the work xmpp-token
// does, measured beside it. The same checks, no abstraction: `Authorization: X-TOKEN` parsed in
// one pass (canonical base64 by round trip, valid UTF-8, exactly two NULs), the canonical token
// shape with the exact nonce length, the localpart's ASCII fast path completed with the domain (or
// a JID of the served domain), HMAC-SHA256 compared in constant time, the TOTP window (W-1..W+1,
// each code compared in constant time, no early exit) from a per-step cache, and single use in a
// set of typed arrays that grows and is bounded as xmpp-token's default store is (1M live
// tokens; no object per token, expired slots reused). Only the
// non-ASCII (nodeprep) path, which the benches never take, is missing: such users are refused.
import { isUtf8 } from 'node:buffer';
import { createHmac, randomFillSync } from 'node:crypto';

const STEP_MS = 30_000;
const SHAPE = /^\d{40} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const LOCALPART = /^[a-z0-9._\-+!#$%*=?^`{|}~]{1,1023}$/;
const SCHEME = 'x-token ';
const MAX_HEADER = 4200;
// As many live tokens as xmpp-token's memory store holds by default.
const MAX_ENTRIES = 1_000_000;

/** A floor verifier and minter for one domain. */
export function createFloor({ tokenSecret, otpSeed, domain, clock = Date.now }) {
  const key = Buffer.from(tokenSecret, 'utf8');
  const seed = base32(otpSeed);
  const suffix = `@${domain}`;
  const seen = createSeenSet(MAX_ENTRIES);
  const pool = new Uint8Array(4096);
  let offset = pool.length;
  let windowStep = Number.NaN;
  let windowCodes = [];

  const codesAround = (step) => {
    if (step !== windowStep) {
      windowCodes = [totp(seed, step - 1), totp(seed, step), totp(seed, step + 1)];
      windowStep = step;
    }
    return windowCodes;
  };
  const jidOf = (user) => {
    if (LOCALPART.test(user)) return user + suffix;
    const at = user.indexOf('@');
    return at > 0 && LOCALPART.test(user.slice(0, at)) && user.endsWith(suffix) ? user : undefined;
  };
  const nonce = () => {
    let digits = '';
    while (digits.length < 32) {
      if (offset === pool.length) {
        randomFillSync(pool);
        offset = 0;
      }
      const byte = pool[offset++];
      if (byte < 250) digits += String.fromCharCode(48 + (byte % 10));
    }
    return digits;
  };

  /** `{ jid, expiresAt }` for a valid unspent token, else undefined. */
  const verify = (user, token) => {
    if (typeof user !== 'string' || typeof token !== 'string' || !SHAPE.test(token)) return;
    const jid = jidOf(user);
    if (jid === undefined) return;
    const signature = token.slice(41);
    const expected = createHmac('sha256', key)
      .update(token.slice(0, 40) + jid)
      .digest('base64');
    if (!sameText(expected, signature)) return;
    const now = clock();
    const step = Math.floor(now / STEP_MS);
    const codes = codesAround(step);
    const otp = token.slice(0, 8);
    let mintStep = -1;
    for (let i = 0; i < 3; i++) if (sameText(codes[i], otp)) mintStep = step - 1 + i;
    if (mintStep === -1) return;
    const expiresAt = (mintStep + 2) * STEP_MS;
    if (!seen.add(signature, expiresAt, now)) return;
    return { jid, expiresAt: new Date(expiresAt) };
  };

  return {
    verify,
    /** The identity of an `Authorization: X-TOKEN <base64>` value, else undefined. */
    verifyAuthorization(value) {
      const credentials = fromAuthorization(value);
      return credentials && verify(credentials[0], credentials[1]);
    },
    mint(user) {
      const jid = jidOf(user);
      if (jid === undefined) throw new Error('not a plain localpart of the domain');
      const step = Math.floor(clock() / STEP_MS);
      const head = codesAround(step)[1] + nonce();
      const signature = createHmac('sha256', key)
        .update(head + jid)
        .digest('base64');
      return { jid, token: `${head} ${signature}`, expiresAt: new Date((step + 2) * STEP_MS) };
    },
  };
}

function fromAuthorization(value) {
  if (typeof value !== 'string' || value.length > MAX_HEADER) return;
  if (value.slice(0, SCHEME.length).toLowerCase() !== SCHEME) return;
  const base64 = value.slice(SCHEME.length);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.toString('base64') !== base64 || !isUtf8(bytes)) return;
  const text = bytes.toString('utf8');
  const first = text.indexOf('\0');
  const second = text.indexOf('\0', first + 1);
  if (first === -1 || second === -1 || text.indexOf('\0', second + 1) !== -1) return;
  const user = text.slice(first + 1, second);
  const token = text.slice(second + 1);
  return user.length > 0 && token.length > 0 ? [user, token] : undefined;
}

function sameText(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// RFC 6238 TOTP, HMAC-SHA1, 8 digits, for time step `step`.
function totp(seed, step) {
  const counter = Buffer.alloc(8);
  counter.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  counter.writeUInt32BE(step >>> 0, 4);
  const h = createHmac('sha1', seed).update(counter).digest();
  const o = h[19] & 15;
  const code = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(code % 1e8).padStart(8, '0');
}

function base32(text) {
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(char);
    bits += 5;
    if (bits >= 8) out.push((value >>> (bits -= 8)) & 255);
  }
  return Buffer.from(out);
}

// An open-addressing set of 64-bit fingerprints of the signature's first 12 characters, each
// with an expiry in Unix seconds, in typed arrays that start at 16,384 slots and are rebuilt at
// half load (expired entries dropped, the size doubled as needed), as xmpp-token's memory store
// does, so both pay the same growth and touch as much memory; expired slots are reused. At
// `maxEntries` live tokens it refuses rather than forget one.
function createSeenSet(maxEntries) {
  let size = 16_384;
  let low = new Uint32Array(size);
  let high = new Uint32Array(size);
  let expiry = new Uint32Array(size);
  let used = 0;
  const probe = (a, b, now) => {
    const mask = size - 1;
    let free = -1;
    let i = a & mask;
    for (let e = expiry[i]; e !== 0; e = expiry[i]) {
      if (e <= now) {
        if (free === -1) free = i;
      } else if (low[i] === a && high[i] === b) return -1; // a live duplicate
      i = (i + 1) & mask;
    }
    return free === -1 ? -i - 2 : free; // a fresh slot at i is encoded as -i - 2
  };
  const rebuild = (now) => {
    const [oldLow, oldHigh, oldExpiry] = [low, high, expiry];
    let live = 0;
    for (const e of oldExpiry) if (e > now) live++;
    while (size < live * 4) size *= 2;
    [low, high, expiry] = [new Uint32Array(size), new Uint32Array(size), new Uint32Array(size)];
    used = 0;
    for (let j = 0; j < oldExpiry.length; j++) {
      if (oldExpiry[j] <= now) continue;
      const at = -probe(oldLow[j], oldHigh[j], now) - 2;
      [low[at], high[at], expiry[at]] = [oldLow[j], oldHigh[j], oldExpiry[j]];
      used++;
    }
    return live;
  };
  return {
    add(signature, expiresAtMs, nowMs) {
      let a = 0x811c9dc5;
      let b = 0x9747b28c;
      for (let i = 0; i < 12; i++) {
        const c = signature.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
      a >>>= 0;
      b >>>= 0;
      const now = nowMs / 1000;
      let at = probe(a, b, now);
      if (at === -1) return false;
      if (at < 0) {
        if ((used + 1) * 2 > size) {
          if (rebuild(now) >= maxEntries) return false;
          at = probe(a, b, now);
        }
        if (at < 0) {
          at = -at - 2;
          used++;
        }
      }
      low[at] = a;
      high[at] = b;
      expiry[at] = Math.ceil(expiresAtMs / 1000);
      return true;
    },
  };
}
