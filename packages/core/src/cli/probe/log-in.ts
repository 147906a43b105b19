import { performance } from 'node:perf_hooks';
import { encodeSaslResponse } from '../../sasl-response.js';
import type { MintedToken } from '../../verify-result.js';
import { childOf, NS } from '../xmpp/xml-element.js';
import type { SaslOutcome, XmppSession } from '../xmpp/xmpp-session.js';
import { skewRange, type TimedAttempt } from './clock-skew.js';
import { mechanismsOf, type OpenedStream } from './open-stream.js';
import type { AuthAttempt, Diagnosis } from './probe-report.js';
import {
  bindFailed,
  clockSkew,
  describeOffset,
  diagnoseSaslFailure,
  insecureConnection,
  noMechanisms,
  wrongKeys,
  xTokenNotOffered,
} from './refusals.js';
import type { StepLog } from './step-log.js';

const STEP_MS = 30_000;
// A token minted in step S is valid from the start of S-1 to the end of S+1 (Prosody's window).
const VALIDITY_MS = 3 * STEP_MS;
// After a fresh token is refused: tokens minted one and two steps earlier and later, nearest first.
const RETRY_STEPS = [-1, 1, -2, 2];

export interface LogInOptions {
  readonly jid: string;
  readonly websocket: boolean;
  /** Mints a token for `jid`, `offsetMs` from the app's clock. */
  mint(offsetMs: number): MintedToken;
  /** The app's clock. */
  clock(): number;
}

/** Checks the mechanisms, logs in with X-TOKEN (retrying for clock skew), binds a resource. */
export async function logIn(
  session: XmppSession,
  stream: OpenedStream,
  options: LogInOptions,
  log: StepLog,
  attempts: AuthAttempt[],
): Promise<Diagnosis> {
  const domain = options.jid.slice(options.jid.indexOf('@') + 1);
  const refused = offerRefusal(stream, domain, options.websocket, log);
  if (refused !== undefined) return refused;
  log.begin('auth');
  const timed: TimedAttempt[] = [];
  const attempt = async (steps: number): Promise<SaslOutcome> => {
    const started = performance.now();
    const { token, expiresAt } = options.mint(steps * STEP_MS);
    const authcid = options.jid.slice(0, options.jid.indexOf('@'));
    const sentAt = options.clock();
    const outcome = await session.authenticate('X-TOKEN', encodeSaslResponse({ authcid, token }));
    const ms = Math.round(performance.now() - started);
    attempts.push({ offsetSeconds: (steps * STEP_MS) / 1000, outcome: outcomeName(outcome), ms });
    const validUntil = expiresAt.getTime();
    timed.push({
      validFrom: validUntil - VALIDITY_MS,
      validUntil,
      sentAt,
      answeredAt: options.clock(),
      accepted: outcome.success,
    });
    return outcome;
  };

  const fresh = await attempt(0);
  if (!fresh.success && fresh.condition !== 'not-authorized') {
    log.end('failed', `X-TOKEN refused: ${fresh.condition}`);
    return diagnoseSaslFailure(fresh, domain);
  }
  let skewed: number | undefined;
  for (const steps of fresh.success ? [] : RETRY_STEPS) {
    const outcome = await attempt(steps);
    if (outcome.success) {
      skewed = steps;
      break;
    }
    if (outcome.condition !== 'not-authorized') {
      log.end('failed', `not-authorized, then ${outcome.condition}`);
      return diagnoseSaslFailure(outcome, domain);
    }
  }
  const range = skewRange(timed);
  if (fresh.success) {
    log.end('ok', 'X-TOKEN accepted');
  } else if (skewed === undefined || range === undefined) {
    log.end('failed', 'not-authorized, for tokens minted now and 30 and 60 s earlier and later');
    return wrongKeys(domain);
  } else {
    log.end(
      'failed',
      `a fresh token was refused (not-authorized); one minted ${describeOffset(skewed * STEP_MS)} was accepted`,
    );
  }
  const bound = await bind(session, log);
  if (skewed !== undefined && range !== undefined) {
    const seconds = { min: Math.floor(range.min / 1000), max: Math.ceil(range.max / 1000) };
    return clockSkew((skewed * STEP_MS) / 1000, seconds);
  }
  return bound;
}

function offerRefusal(stream: OpenedStream, domain: string, websocket: boolean, log: StepLog) {
  log.begin('x-token');
  const mechanisms = mechanismsOf(stream.features);
  if (mechanisms.length === 0) {
    log.end('failed', 'no SASL mechanism offered');
    return websocket || !stream.encrypted ? insecureConnection(websocket) : noMechanisms(domain);
  }
  if (!mechanisms.includes('X-TOKEN')) {
    log.end('failed', `not offered (offered: ${mechanisms.join(', ')})`);
    return xTokenNotOffered(domain, mechanisms);
  }
  log.end('ok', 'offered');
  return undefined;
}

async function bind(session: XmppSession, log: StepLog): Promise<Diagnosis> {
  log.begin('bind');
  const features = await session.openStream();
  if (childOf(features, 'bind', NS.bind) === undefined) {
    log.end('failed', 'resource binding not offered after authentication');
    return bindFailed('not offered');
  }
  const bound = await session.bind();
  if (!bound.bound) {
    log.end('failed', bound.condition);
    return bindFailed(bound.condition);
  }
  log.end('ok', bound.jid);
  return {
    code: 'ok',
    message: `Logged in as ${bound.jid} with a freshly minted X-TOKEN.`,
    fix: [],
  };
}

function outcomeName(outcome: SaslOutcome): string {
  return outcome.success ? 'accepted' : outcome.condition;
}
