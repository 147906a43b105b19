import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The absolute path of the `prosody` executable (`$PROSODY_BIN`, else the first on `$PATH`), or
 * undefined when there is none. It only looks: running `prosody` (even `--version`) would start
 * a server with the system configuration.
 */
export function findProsody(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.PROSODY_BIN
    ? [env.PROSODY_BIN]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(isAbsolute)
        .map((dir) => join(dir, 'prosody'));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
