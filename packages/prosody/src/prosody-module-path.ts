import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The name Prosody loads the module by: `authentication = "xmpp_token"` selects it. */
export const PROSODY_AUTHENTICATION = 'xmpp_token';

/**
 * The folder that holds `mod_auth_xmpp_token.lua`, absolute: put it in Prosody's
 * `plugin_paths`, or copy the file from it into a folder that already is.
 *
 * @example
 * ```ts
 * import { prosodyModuleDirectory } from '@xmpp-token/prosody';
 * console.log(`plugin_paths = { "${prosodyModuleDirectory}" }`);
 * ```
 */
export const prosodyModuleDirectory: string = fileURLToPath(new URL('../modules', import.meta.url));

/** The absolute path of `mod_auth_xmpp_token.lua` itself (in {@link prosodyModuleDirectory}). */
export const prosodyModuleFile: string = join(prosodyModuleDirectory, 'mod_auth_xmpp_token.lua');
