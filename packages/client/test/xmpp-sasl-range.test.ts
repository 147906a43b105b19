import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The peer range of @xmpp/sasl must be one the tests prove: its lowest version is the one the
// xmpp.js tests (register-xmpp-js-x-token.test.ts) run, through @xmpp/client. 0.13 could not
// work (no `saslFactory` on the client, `credentials` called without the entity).
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The lowest version a `^x.y.z || ~x.y.z || x.y.z` range allows. */
function lowest(range: string): string {
  const versions = range.split('||').map((part) => {
    const match = /^\s*[~^]?\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (match === null) throw new Error(`unsupported range part: ${part}`);
    const [, major = 0, minor = 0, patch = 0] = match.map(Number);
    return { text: `${major}.${minor}.${patch}`, rank: (major * 1e6 + minor) * 1e6 + patch };
  });
  versions.sort((a, b) => a.rank - b.rank);
  return versions[0]?.text ?? '';
}

function versionOf(name: string, from: string): string {
  const require = createRequire(from);
  const entry = require.resolve(name);
  const marker = `/node_modules/${name}`;
  const root = entry.slice(0, entry.lastIndexOf(`${marker}/`) + marker.length);
  return (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
}

describe('@xmpp/sasl peer range', () => {
  const client = createRequire(import.meta.url).resolve('@xmpp/client');

  it('has its lowest version under test: the @xmpp/sasl that @xmpp/client loads here', () => {
    const tested = versionOf('@xmpp/sasl', client);
    expect(lowest(manifest.peerDependencies['@xmpp/sasl'] ?? '')).toBe(tested);
  });

  it('is what the devDependency pins exactly', () => {
    expect(manifest.devDependencies['@xmpp/sasl']).toBe(
      lowest(manifest.peerDependencies['@xmpp/sasl'] ?? ''),
    );
  });

  it('reads ranges as npm does for the lowest version', () => {
    expect(lowest('^0.13.0 || ^0.14.0')).toBe('0.13.0');
    expect(lowest('^0.14.0')).toBe('0.14.0');
    expect(lowest('~1.2.3 || 0.9.1')).toBe('0.9.1');
  });
});
