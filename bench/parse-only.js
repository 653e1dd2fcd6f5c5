#!/usr/bin/env node
/** The floor: reads and parses every source file of a folder with the compiler API, nothing more. */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { ts } = require("@ts-morph/common");
const dir = path.resolve(process.argv[2]);
let nodes = 0;
for (const f of fs.readdirSync(dir)) {
  if (!f.endsWith(".ts")) continue;
  const sf = ts.createSourceFile(f, fs.readFileSync(path.join(dir, f), "utf8"), ts.ScriptTarget.ES2022, false);
  nodes += sf.statements.length;
}
process.stdout.write(`${nodes} statements\n`);
