#!/usr/bin/env node
// Trims package.json for the tarball (`prepack`) and puts it back (`postpack`).
//
// The scripts and devDependencies of this repository name files that are not shipped (the demo,
// the benchmarks, the CLI build) and a `file:.` link of the package to itself that the examples
// and tests resolve it through. In a user's node_modules they would be dead references, and npm
// warns about any install-time script a package carries. npm packs the package.json found on disk
// after `prepack`, so the tarball gets the trimmed copy while the repository keeps its own.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const manifest = path.join(root, "package.json");
const saved = path.join(root, "package.json.packing");

function strip() {
  if (fs.existsSync(saved)) {
    // A pack that died before postpack left the original here: restore it first, never lose it.
    fs.copyFileSync(saved, manifest);
  }
  const text = fs.readFileSync(manifest, "utf8");
  fs.writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts;
  delete pkg.devDependencies;
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

function restore() {
  if (!fs.existsSync(saved)) return;
  fs.copyFileSync(saved, manifest);
  fs.rmSync(saved);
}

const command = process.argv[2];
if (command === "strip") strip();
else if (command === "restore") restore();
else {
  process.stderr.write("usage: publishManifest.js strip|restore\n");
  process.exitCode = 2;
}
