#!/usr/bin/env node
"use strict";
// A reader that closed stderr early (`lockorder check --stats 2>&1 | head`) has nobody left to
// tell: its write errors are not a crash. stdout's are handled by the CLI's writer.
process.stderr.on("error", () => {});
require("../dist/src/cli.js")
  .main(process.argv.slice(2), process.stdout, process.stderr)
  .then((status) => (process.exitCode = status));
