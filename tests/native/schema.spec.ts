import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  CALLBACK_KAFKA_CONFIG_SHAPE,
  CALLBACK_MQ_CONFIG_SHAPE,
  INPUT_SHAPE,
  JOB_DETAIL_SHAPE,
  OPERATION_SHAPE,
  OUTPUT_SHAPE,
  STREAM_EXTRACT_SHAPE,
  TIME_INTERVAL_SHAPE,
} from "../../provider/codec/fieldTable";
import type { UntypedShape } from "../../provider/codec/mapping";
import { JOB_DEFINING_KEYS, LIFECYCLE_KEYS, OUTPUT_KEYS } from "../../provider/dynamic/resourceInputs";
import { SETTING_SOURCES } from "../../provider/config/settings";
import { packageVersion } from "../../provider/native/main";
import { buildSchema, schemaText } from "../../provider/native/schema";
import { repoRoot } from "../../scripts/pulumiCli";

const schema = buildSchema(packageVersion());

/** The schema type each container of the field table must become. */
const CONTAINERS: [UntypedShape, string][] = [
  [INPUT_SHAPE, "JobInput"],
  [TIME_INTERVAL_SHAPE, "TimeInterval"],
  [CALLBACK_MQ_CONFIG_SHAPE, "CallBackMqConfig"],
  [CALLBACK_KAFKA_CONFIG_SHAPE, "CallBackKafkaConfig"],
  [STREAM_EXTRACT_SHAPE, "StreamExtract"],
  [OUTPUT_SHAPE, "JobOutput"],
  [OPERATION_SHAPE, "JobOperation"],
  [JOB_DETAIL_SHAPE, "JobDetail"],
];

describe("the tencent-ci package schema", () => {
  it("is committed as plugin/schema.json exactly as the model gives it (npm run schema rewrites it)", () => {
    assert.equal(readFileSync(path.join(repoRoot, "plugin", "schema.json"), "utf8"), schemaText(packageVersion()));
  });

  it("has one object type per container of the field table, with each field typed by how it travels", () => {
    const carried: Record<string, unknown> = { text: "string", time: "string", integer: "integer" };
    for (const [shape, name] of CONTAINERS) {
      const type = schema.types[`tencent-ci:index:${name}`];
      assert.ok(type, `${name} is missing`);
      assert.deepEqual(Object.keys(type.properties).sort(), [...shape.fields.map((field) => field.key), "extra"].sort(), name);
      for (const field of shape.fields) {
        const property = type.properties[field.key];
        const where = `${name}.${field.key}`;
        if (field.type.kind in carried) assert.equal(property.type, carried[field.type.kind], where);
        else if (field.type.kind === "csv") assert.deepEqual(property.items, { type: "string" }, where);
        else if (field.type.kind === "record") assert.match(String(property.$ref), /^#\/types\/tencent-ci:index:/, where);
        else if (field.type.kind === "list") assert.match(String(property.items?.$ref), /^#\/types\/tencent-ci:index:/, where);
        else assert.deepEqual(property.additionalProperties, { $ref: "pulumi.json#/Any" }, where);
      }
    }
  });

  it("refers only to types it defines", () => {
    const refs = [...JSON.stringify(schema).matchAll(/"#\/types\/([^"]+)"/g)].map((match) => match[1]);
    for (const ref of new Set(refs)) assert.ok(ref in schema.types, ref);
  });

  it("declares every input a program may give the resource and every output it reports, nothing internal", () => {
    const resource = schema.resources["tencent-ci:index:InventoryTriggerJob"];
    const declarable = [...JOB_DEFINING_KEYS, ...LIFECYCLE_KEYS].filter((key) => key !== "adoptJobId");
    assert.deepEqual(Object.keys(resource.inputProperties).sort(), [...declarable].sort());
    assert.deepEqual(Object.keys(resource.properties).sort(), [...declarable, ...OUTPUT_KEYS, "retriggers"].sort());
  });

  it("has a config variable per provider setting, the credentials secret", () => {
    const keys = Object.values(SETTING_SOURCES).map((source) => source.config.replace("tencent-ci:", ""));
    assert.deepEqual(Object.keys(schema.config.variables).sort(), keys.sort());
    const secret = Object.entries(schema.config.variables)
      .filter(([, spec]) => spec.secret === true)
      .map(([key]) => key);
    assert.deepEqual(secret.sort(), ["secretId", "secretKey", "securityToken"]);
  });
});
