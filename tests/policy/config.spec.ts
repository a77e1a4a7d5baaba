import { strict as assert } from "node:assert";
import { policyConfig } from "../../policy/config";

const schema = {
  properties: {
    maxWindowDays: { type: "number" as const, default: 31 },
    allowWholeBucket: { type: "boolean" as const, default: false },
    allowedQueueIds: { type: "array" as const, items: { type: "string" as const } },
  },
};

describe("policyConfig", () => {
  it("fills in every default the schema declares", () => {
    assert.deepEqual(policyConfig(schema, {}), { maxWindowDays: 31, allowWholeBucket: false });
  });

  it("lets given values win over defaults and keeps settings without default unset", () => {
    assert.deepEqual(policyConfig(schema, { maxWindowDays: 7, allowedQueueIds: ["p1"] }), {
      maxWindowDays: 7,
      allowWholeBucket: false,
      allowedQueueIds: ["p1"],
    });
  });

  it("treats null as not given", () => {
    assert.deepEqual(policyConfig(schema, { maxWindowDays: null }), { maxWindowDays: 31, allowWholeBucket: false });
  });

  it("works for a policy without settings", () => {
    assert.deepEqual(policyConfig(undefined, {}), {});
  });
});
