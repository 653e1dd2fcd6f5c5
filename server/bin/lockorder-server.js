#!/usr/bin/env node
"use strict";
// Usage: lockorder-server --stdio | --node-ipc | --socket=PORT
require("../dist/src/main.js");
