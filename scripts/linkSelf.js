#!/usr/bin/env node
// Links node_modules/pulumi-tencent-ci to this checkout, run by `npm install` (prepare).
//
// The serialized provider of every InventoryTriggerJob does `require("pulumi-tencent-ci/provider")`
// from the program's directory, exactly as it will in a user's project where the package is an
// ordinary dependency. The examples, the demo and the engine tests live inside this checkout, so
// the link lets them resolve the package the same way without publishing or copying it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-tencent-ci");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  if (fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // Absent: create it below.
}
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
