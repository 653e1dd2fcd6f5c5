#!/usr/bin/env node
"use strict";
// Usage: lockorder-server --stdio | --node-ipc | --socket=PORT
// The compiler bundle compiled from V8's code cache in the user's cache folder rather than parsed
// again on each start (docs/architecture.md#start-up); without a usable cache, as before.
require("lockorder/codeCache").installCodeCache({ writeAfterMs: 30_000 });
require("../dist/src/main.js");
