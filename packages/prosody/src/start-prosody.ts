import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProsody } from './find-prosody.js';
import { configFile, type ConfigFileSettings } from './internal/config-file.js';
import { freePorts } from './internal/network.js';
import {
  readLog,
  spawnProsody,
  stopProsody,
  type InstancePaths,
} from './internal/prosody-process.js';
import { writeSelfSignedCertificate } from './internal/self-signed-certificate.js';
import { PROSODY_AUTHENTICATION, prosodyModuleDirectory } from './prosody-module-path.js';
import type { ProsodyServer, StartProsodyOptions } from './prosody-server.js';

/**
 * Starts a private Prosody in the foreground (`prosody --config <dir>/prosody.cfg.lua -F`) with
 * mod_auth_xmpp_token, on free loopback ports, and resolves once it listens. Never touches
 * /etc/prosody or the system service. Stop it with `stop()`.
 *
 * @example
 * ```ts
 * import { startProsody } from '@xmpp-token/prosody/test-server';
 *
 * const prosody = await startProsody({
 *   tokenSecret: 'a-token-secret-of-16-bytes-or-more',
 *   otpSeed: 'JBSWY3DPEHPK3PXP',
 * });
 * console.log(prosody.websocketUrl); // ws://127.0.0.1:<port>/xmpp-websocket
 * await prosody.stop();
 * ```
 */
export async function startProsody(options: StartProsodyOptions): Promise<ProsodyServer> {
  const executable = options.prosody ?? findProsody();
  if (executable === undefined) {
    throw new Error('startProsody: prosody not found on PATH (Debian: apt-get install prosody)');
  }
  const domain = options.domain ?? 'localhost';
  if (!/^[a-z0-9.-]+$/.test(domain)) {
    throw new TypeError('startProsody: domain must be a lowercase host name');
  }
  const directory = mkdtempSync(join(tmpdir(), 'xmpp-token-prosody-'));
  const paths: InstancePaths = {
    directory,
    config: join(directory, 'prosody.cfg.lua'),
    log: join(directory, 'prosody.log'),
    console: join(directory, 'console.log'),
  };
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cleanUp = async () => {
    if (child !== undefined) await stopProsody(child, 'SIGTERM');
    process.off('exit', killOnExit);
    rmSync(directory, { recursive: true, force: true });
  };

  try {
    mkdirSync(join(directory, 'data'));
    mkdirSync(join(directory, 'certs'));
    const tls = options.c2s === 'starttls' || options.directTls === true || options.https === true;
    const certificate = tls
      ? writeSelfSignedCertificate(join(directory, 'certs'), domain)
      : undefined;
    const [c2s = 0, http = 0, ...more] = await freePorts(
      2 + Number(options.directTls === true) + Number(options.https === true),
    );
    const directTls = options.directTls === true ? more.shift() : undefined;
    const https = options.https === true ? more.shift() : undefined;
    const ports = {
      c2s,
      http,
      ...(directTls === undefined ? {} : { directTls }),
      ...(https === undefined ? {} : { https }),
    };
    let settings = resolveSettings(options, { directory, domain, certificates: tls, ports });
    const start = async () => {
      writeFileSync(paths.config, configFile(settings), { mode: 0o600 });
      const timeout = options.startTimeoutMs ?? 20_000;
      const readyUrl = `http://127.0.0.1:${http}/`;
      child = await spawnProsody(executable, paths, Object.values(ports), readyUrl, timeout);
    };

    await start();
    return {
      domain,
      get pid() {
        return child?.pid ?? -1;
      },
      c2sUrl: `xmpp://127.0.0.1:${c2s}`,
      directTlsUrl: directTls === undefined ? undefined : `xmpps://127.0.0.1:${directTls}`,
      websocketUrl: `ws://127.0.0.1:${http}/xmpp-websocket`,
      secureWebsocketUrl:
        https === undefined ? undefined : `wss://127.0.0.1:${https}/xmpp-websocket`,
      metricsUrl: `http://127.0.0.1:${http}/metrics`,
      certificate,
      directory,
      configFile: paths.config,
      logFile: paths.log,
      readLog: () => readLog(paths),
      async restart({ signal = 'SIGTERM', ...changes } = {}) {
        if (child !== undefined) await stopProsody(child, signal);
        child = undefined;
        settings = { ...settings, ...withoutUndefined(changes) };
        await start();
      },
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

type Derived = Pick<ConfigFileSettings, 'directory' | 'domain' | 'certificates' | 'ports'>;

function resolveSettings(options: StartProsodyOptions, derived: Derived): ConfigFileSettings {
  return {
    ...derived,
    pluginPath: prosodyModuleDirectory,
    starttlsRequired: options.c2s === 'starttls',
    considerWebsocketSecure: options.considerWebsocketSecure ?? true,
    // Prosody refuses to run as root unless told; a container's CI often is root.
    runAsRoot: process.getuid?.() === 0,
    logLevel: options.logLevel ?? 'debug',
    authentication: options.authentication ?? PROSODY_AUTHENTICATION,
    tokenSecret: options.tokenSecret,
    otpSeed: options.otpSeed,
    modules: options.modules ?? [],
    globalConfig: options.globalConfig ?? {},
    hostConfig: options.hostConfig ?? {},
    globalLua: options.globalLua ?? '',
    hostLua: options.hostLua ?? '',
  };
}

function withoutUndefined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
