#!/usr/bin/env node
// The `xmpp-token` executable: commands live in ./cli/ (one per file), the probe's XMPP client
// in ./cli/xmpp/. Nothing here is part of the library's import graph.
import { main } from './cli/main.js';

main(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
