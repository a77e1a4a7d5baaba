import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import * as table from "../../../provider/codec/fieldTable";
import type { UntypedShape } from "../../../provider/codec/mapping";
import { upperFirst } from "../../../provider/model";

const dist = path.resolve(__dirname, "../../..");

/** Type-checks `source` beside the built declarations; returns, per error, the `export const` it falls in. */
function declarationsWithErrors(source: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "field-table-"));
  try {
    const file = path.join(dir, "check.ts");
    const text = source.replace(/@dist/g, dist.replace(/\\/g, "/"));
    writeFileSync(file, text);
    const program = ts.createProgram([file], { noEmit: true, strict: true, skipLibCheck: true, types: [] });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const before = text.slice(0, diagnostic.start ?? 0);
      const names = [...before.matchAll(/export const (\w+)/g)];
      return names.length === 0 ? ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n") : names[names.length - 1][1];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the codec's field table", () => {
  const shapes = Object.entries(table) as [string, UntypedShape][];

  it("names every element after its model key with the first letter raised, the model's naming rule", () => {
    assert.ok(shapes.length >= 9);
    for (const [name, shape] of shapes) {
      for (const field of shape.fields) assert.equal(field.element, upperFirst(field.key), `${name}.${field.key}`);
    }
  });

  it("is typed against the model: a key the model lacks and a carrier that does not fit the key's type fail to compile", function () {
    this.timeout(60_000);
    const failing = declarationsWithErrors(`
      import type { Shape } from "@dist/provider/codec/mapping";
      import type { JobInput, JobOperation } from "@dist/provider/model";
      export const fits: Shape<JobOperation> = { element: "Operation", fields: [
        { key: "workflowIds", element: "WorkflowIds", type: { kind: "csv" } },
        { key: "jobLevel", element: "JobLevel", type: { kind: "integer" } },
        { key: "output", element: "Output", type: { kind: "record", shape: { element: "Output", fields: [{ key: "bucket", element: "Bucket", type: { kind: "text" } }] } } },
      ] };
      export const unknownKey: Shape<JobInput> = { element: "Input", fields: [{ key: "bucketName", element: "BucketName", type: { kind: "text" } }] };
      export const wrongCarrier: Shape<JobOperation> = { element: "Operation", fields: [{ key: "jobLevel", element: "JobLevel", type: { kind: "text" } }] };
      export const wrongNestedKey: Shape<JobOperation> = { element: "Operation", fields: [
        { key: "output", element: "Output", type: { kind: "record", shape: { element: "Output", fields: [{ key: "bukcet", element: "Bukcet", type: { kind: "text" } }] } } },
      ] };
    `);
    // `fits` compiles; each of the others fails on its own line.
    assert.deepEqual(failing, ["unknownKey", "wrongCarrier", "wrongNestedKey"]);
  });
});
