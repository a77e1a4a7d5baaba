import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const dist = path.resolve(__dirname, "../..");
const vendor = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + "/vendor";

function declarations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return declarations(full);
    return entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/**
 * A TypeScript program without TypeScript of its own is type-checked by the copy of TypeScript
 * that @pulumi/pulumi ships (3.8), which reads our published declarations too.
 */
describe("the published type declarations", () => {
  it("parse with the TypeScript that @pulumi/pulumi falls back to", () => {
    const folder = readdirSync(vendor).find((name) => name.startsWith("typescript@"));
    assert.ok(folder, "@pulumi/pulumi ships a TypeScript");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(path.join(vendor, folder, "typescript.js")) as {
      createSourceFile(name: string, text: string, target: number, setParents: boolean): { parseDiagnostics: { messageText: unknown }[] };
      ScriptTarget: { ES2019: number };
    };
    const files = ["sdk", "provider", "emulator", "policy", "shared"].flatMap((dir) => declarations(path.join(dist, dir)));
    assert.ok(files.length > 30);
    const unreadable = files.filter(
      (file) => ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2019, true).parseDiagnostics.length > 0,
    );
    assert.deepEqual(
      unreadable.map((file) => path.relative(dist, file)),
      [],
    );
  });
});
