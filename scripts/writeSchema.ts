/**
 * Writes plugin/schema.json, the committed copy of the schema the `tencent-ci` plugin serves, which
 * the SDK generator (tools/sdkgen) reads and tests/native/schema.spec.ts compares with the model.
 * `--check` fails instead when the file is not what the model gives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { packageVersion } from "../provider/native/main";
import { schemaText } from "../provider/native/schema";
import { repoRoot } from "./pulumiCli";

const file = path.join(repoRoot, "plugin", "schema.json");
const wanted = schemaText(packageVersion());
if (process.argv.includes("--check")) {
  if (readFileSync(file, "utf8") !== wanted) {
    console.error("plugin/schema.json differs from the model: run npm run schema and commit it");
    process.exit(1);
  }
} else {
  writeFileSync(file, wanted);
  console.error(`wrote plugin/schema.json (${wanted.length} bytes)`);
}
