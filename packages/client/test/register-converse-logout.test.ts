import { describe, expect, it } from 'vitest';
import { isXmppTokenClientError, registerConverseLogout } from '@xmpp-token/client';

// What the plugin does inside Converse.js is shown in Chromium, with Converse 14 itself:
// demo-browser-logout.test.ts, demo-browser-prosody.test.ts, cross-origin-browser.test.ts.

/** `converse.plugins` as Converse's own `add` fills it: name -> plugin object. */
function pluginRegistry() {
  const plugins = new Map<string, object>();
  return {
    plugins,
    converse: {
      plugins: {
        add(name: string, plugin: object) {
          if (plugins.has(name)) throw new TypeError(`plugin ${name} already registered`);
          plugins.set(name, plugin);
        },
      },
    },
  };
}

describe('registerConverseLogout', () => {
  it('adds one plugin, under the name it returns for whitelisted_plugins', () => {
    const { plugins, converse } = pluginRegistry();
    const converseLogout = registerConverseLogout(converse);
    expect(converseLogout.plugin).toBe('xmpp-token-logout');
    expect([...plugins.keys()]).toEqual([converseLogout.plugin]);
    expect(plugins.get(converseLogout.plugin)).toHaveProperty('initialize');
  });

  it('endSession() before Converse loaded the plugin: resolves, and reports the logout once', async () => {
    const reasons: string[] = [];
    const { converse } = pluginRegistry();
    const { endSession } = registerConverseLogout(converse, {
      onSignedOut: (reason) => reasons.push(reason),
    });
    await expect(endSession()).resolves.toBeUndefined();
    await endSession();
    expect(reasons).toEqual(['logout']);
  });

  it.each([
    ['no converse object', undefined, {}],
    ['a converse object without plugins', { initialize() {} }, {}],
    [
      "credentials other than 'same-origin' or 'include'",
      pluginRegistry().converse,
      { credentials: 'omit' },
    ],
  ])('throws ERR_XMPP_TOKEN_CONFIG for %s', (_case, converse, options) => {
    const error = (() => {
      try {
        registerConverseLogout(converse as never, options as never);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CONFIG')).toBe(true);
  });
});
