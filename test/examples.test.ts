// The examples run as a user runs them (`node server.mjs`, packages resolved by name from the
// built dist), and answer: sign in, fetch Converse.js credentials, call the X-TOKEN API once.
import { readdirSync, readFileSync } from 'node:fs';
import { formatAuthorizationHeader } from '@xmpp-token/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startExample, type ExampleServer } from './support/example-server.js';
import { ROOT } from './support/workspace.js';

let server: ExampleServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A fetch that keeps the session cookie, as a browser would, and never follows redirects. */
function browser(origin: string) {
  let cookie = '';
  return async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const res = await fetch(origin + path, { ...init, headers, redirect: 'manual' });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length > 0) cookie = set.join('; ');
    return res;
  };
}

/** Credentials from the app, then the API twice with the same token: accepted, then refused. */
async function credentialsThenApi(get: ReturnType<typeof browser>): Promise<void> {
  const credentials = await get('/xmpp/credentials');
  expect(credentials.status).toBe(200);
  expect(credentials.headers.get('cache-control')).toBe('no-store');
  const { jid, password } = (await credentials.json()) as { jid: string; password: string };
  expect(jid).toBe('alice@localhost');
  const authorization = formatAuthorizationHeader({ authcid: jid, token: password });
  const first = await get('/api/me', { headers: { authorization } });
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ jid });
  const replay = await get('/api/me', { headers: { authorization } });
  expect(replay.status).toBe(401);
}

// Copyable into an app: every import is a package by name (or node:*), declared as a dependency.
describe.each(readdirSync(`${ROOT}examples`))('examples/%s', (name) => {
  it('imports packages by name, each declared in its package.json', () => {
    const dir = `${ROOT}examples/${name}`;
    const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const sources = readdirSync(dir).filter((file) => /\.(m?js|ts)$/.test(file));
    for (const file of sources) {
      const source = readFileSync(`${dir}/${file}`, 'utf8');
      // Neither a relative path into packages/ nor a require made from another package's folder.
      expect(source, file).not.toMatch(/\.\.\/packages\//);
      const specifiers = [...source.matchAll(/^import .*? from '([^']+)';$/gms)].map((m) => m[1]);
      for (const specifier of specifiers) {
        if (specifier === undefined || /^(node:|\.)/.test(specifier)) continue;
        const parts = specifier.split('/');
        const pkg = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        expect(Object.keys(manifest.dependencies ?? {}), `${file}: ${specifier}`).toContain(pkg);
      }
    }
  });
});

describe('examples/express', () => {
  it('starts, signs alice in, serves her credentials and verifies her token once', async () => {
    server = await startExample('express');
    const get = browser(server.origin);
    expect((await get('/')).status).toBe(200);
    expect((await get('/xmpp/credentials')).status).toBe(401);
    const login = await get('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'alice', password: 'wonderland' }),
    });
    expect(login.status).toBe(303);
    const page = await (await get('/')).text();
    expect(page).toContain('createStropheXToken(converse.env.Strophe)');
    await credentialsThenApi(get);
  });
});

describe('examples/koa', () => {
  it('starts, signs alice in, serves her credentials and verifies her token once', async () => {
    server = await startExample('koa');
    const get = browser(server.origin);
    expect(await (await get('/')).json()).toMatchObject({ signedIn: false });
    expect((await get('/login?user=alice')).status).toBe(302);
    const home = (await (await get('/')).json()) as { signedInAs: string; converse: string[] };
    expect(home.signedInAs).toBe('alice@localhost');
    expect(home.converse.join('\n')).toContain('createStropheXToken(converse.env.Strophe)');
    expect(home.converse.join('\n')).not.toContain("['X-TOKEN']");
    await credentialsThenApi(get);
  });
});
