import { generateKeys } from '../generate-keys.js';
import { prosodyConfig } from '../prosody-config.js';
import type { Io } from './io.js';

/** `xmpp-token keygen`: fresh keys, as JSON or as prosody.cfg.lua lines. */
export function keygenCommand(json: boolean, io: Io): number {
  const keys = generateKeys();
  io.out(json ? JSON.stringify(keys) + '\n' : prosodyConfig(keys));
  return 0;
}
