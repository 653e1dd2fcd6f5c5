#!/usr/bin/env node
"use strict";
require("../dist/src/cli.js")
  .main(process.argv.slice(2), process.stdout, process.stderr)
  .then((status) => (process.exitCode = status));
