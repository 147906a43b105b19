import { childOf, NS } from '../xmpp/xml-element.js';
import type { XmppSession } from '../xmpp/xmpp-session.js';
import {
  bindFailed,
  clockSkew,
  describeOffset,
  diagnoseSaslFailure,
  wrongKeys,
} from './auth-refusals.js';
import type { OpenedStream } from './open-stream.js';
import type { AuthAttempt, Diagnosis } from './probe-report.js';
import { mechanismsOf } from './stream-features.js';
import { insecureConnection, noMechanisms, xTokenNotOffered } from './stream-refusals.js';
import type { StepLog } from './step-log.js';
import { tryTokens, type TokenOptions } from './try-tokens.js';

export interface LogInOptions extends TokenOptions {
  readonly websocket: boolean;
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
  const verdict = await tryTokens(session, options, attempts);
  switch (verdict.kind) {
    case 'refused':
      log.end('failed', `X-TOKEN refused: ${attempts.map((a) => a.outcome).join(', then ')}`);
      return diagnoseSaslFailure(verdict, domain);
    case 'not-authorized':
      log.end('failed', 'not-authorized, for tokens minted now and 30 and 60 s earlier and later');
      return wrongKeys(domain);
    case 'skewed': {
      const when = describeOffset(verdict.offsetMs);
      log.end(
        'failed',
        `a fresh token was refused (not-authorized); one minted ${when} was accepted`,
      );
      // Bound all the same: the rest of the setup works, only the clocks disagree.
      await bind(session, log);
      const { min, max } = verdict.skewMs;
      const seconds = { min: Math.floor(min / 1000), max: Math.ceil(max / 1000) };
      return clockSkew(verdict.offsetMs / 1000, seconds);
    }
    case 'accepted':
      log.end('ok', 'X-TOKEN accepted');
      return bind(session, log);
  }
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
