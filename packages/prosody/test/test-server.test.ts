import { existsSync, readFileSync } from 'node:fs';
import {
  PROSODY_AUTHENTICATION,
  prosodyModuleDirectory,
  prosodyModuleFile,
} from '@xmpp-token/prosody';
import { findProsody, startProsody } from '@xmpp-token/prosody/test-server';
import { describe, expect, it } from 'vitest';
import { hasProsody, useProsody } from './support/prosody.js';

describe('the package’s paths', () => {
  it('point at the shipped module, which provides "xmpp_token"', () => {
    expect(prosodyModuleFile).toBe(`${prosodyModuleDirectory}/mod_auth_xmpp_token.lua`);
    const source = readFileSync(prosodyModuleFile, 'utf8');
    expect(source).toContain('module:provides("auth", provider)');
    expect(PROSODY_AUTHENTICATION).toBe('xmpp_token');
  });
});

describe('findProsody', () => {
  it('looks on PATH (and $PROSODY_BIN) without running anything', () => {
    expect(findProsody({ PATH: '/nonexistent:relative/dir' })).toBeUndefined();
    expect(findProsody({ PROSODY_BIN: '/nonexistent/prosody', PATH: '/usr/bin' })).toBeUndefined();
  });
});

describe.skipIf(!hasProsody)('startProsody', () => {
  const suite = useProsody({ globalConfig: { motd_text: 'a "quoted"\nline with \\ and ä' } });

  it('writes a private config: loopback only, its own data, no s2s, our module', () => {
    const { server } = suite;
    const config = readFileSync(server.configFile, 'utf8');
    expect(config).toContain(`plugin_paths = { "${prosodyModuleDirectory}" }`);
    expect(config).toContain('interfaces = { "127.0.0.1" }');
    expect(config).toContain('s2s_ports = {  }');
    expect(config).toContain(`data_path = "${server.directory}/data"`);
    expect(config).toContain('authentication = "xmpp_token"');
    expect(config).toContain('motd_text = "a \\"quoted\\"\\010line with \\\\ and ä"');
    expect(server.c2sUrl).toMatch(/^xmpp:\/\/127\.0\.0\.1:\d+$/);
    expect(server.websocketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket$/);
    expect(server.directTlsUrl).toBeUndefined();
    expect(server.secureWebsocketUrl).toBeUndefined();
    expect(config).toContain('https_ports = {  }');
    expect(server.certificate).toBeUndefined();
  });

  it('runs Prosody in the foreground: the pid is Prosody’s', () => {
    const pidFile = readFileSync(`${suite.server.directory}/prosody.pid`, 'utf8').trim();
    expect(Number(pidFile)).toBe(suite.server.pid);
    expect(() => process.kill(suite.server.pid, 0)).not.toThrow();
  });

  it('stop() kills the process and removes the directory', async () => {
    const server = await startProsody({ ...suite.keys });
    const { pid, directory } = server;
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(directory)).toBe(false);
  });

  it('a config Prosody cannot read: rejects with Prosody’s own words', async () => {
    const error = await startProsody({ ...suite.keys, globalLua: 'this is not Lua' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/prosody exited \(1\) before listening/);
    expect((error as Error).message).toMatch(/prosody\.cfg\.lua/);
  });

  it('refuses option names that are not Lua identifiers, and odd domains', async () => {
    await expect(
      startProsody({ ...suite.keys, globalConfig: { 'not a name': 1 } }),
    ).rejects.toThrow('not a Prosody option name');
    await expect(startProsody({ ...suite.keys, domain: 'Example.com' })).rejects.toThrow(
      'domain must be a lowercase host name',
    );
  });
});
