#!/usr/bin/env node
"use strict";
// A reader that closed stderr early (`lockorder check --stats 2>&1 | head`) has nobody left to
// tell: its write errors are not a crash. stdout's are handled by the CLI's writer.
process.stderr.on("error", () => {});
// The compiler bundle (12 MB) compiled from V8's code cache in the user's cache folder rather than
// parsed again on each start (docs/architecture.md#start-up); without a usable cache, as before.
const brief = process.argv.slice(2).some((arg) => ["--version", "-v", "--help", "-h"].includes(arg));
require("../dist/src/codeCache.js").installCodeCache({ representative: !brief });
require("../dist/src/cli.js")
  .main(process.argv.slice(2), process.stdout, process.stderr)
  .then((status) => (process.exitCode = status));
