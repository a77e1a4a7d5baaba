import { strict as assert } from "node:assert";
import { autoJobName, sanitizePrefix, stableJson } from "../../../provider/dynamic/autoName";

const seed = { prefix: "nightly", scope: "proj/dev" };
const inputs = { type: "Workflow" as const, input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } };

describe("autoJobName", () => {
  it("names a job <resource name>-<7 characters> within the service's rules", () => {
    assert.match(autoJobName(seed, inputs), /^nightly-[a-z0-9]{7}$/);
  });
  it("gives the same definition in the same stack the same name, so an interrupted deploy finds its job", () => {
    assert.equal(autoJobName(seed, inputs), autoJobName({ ...seed }, { ...inputs, operation: { workflowIds: ["w1"] } }));
  });
  it("gives a new name when the definition, the triggers or the stack change", () => {
    const base = autoJobName(seed, inputs);
    assert.notEqual(autoJobName(seed, { ...inputs, input: { prefix: "b/" } }), base);
    assert.notEqual(autoJobName(seed, { ...inputs, triggers: ["v2"] }), base);
    assert.notEqual(autoJobName({ ...seed, scope: "proj/prod" }, inputs), base);
  });
  it("keeps long resource names within 128 characters", () => {
    const name = autoJobName({ prefix: "x".repeat(300), scope: "p/s" }, inputs);
    assert.equal(name.length, 128);
  });
  it("replaces characters the service refuses in a resource name", () => {
    assert.equal(sanitizePrefix("my.job/视频 1"), "my-job-视频-1");
  });
  it("serializes objects with sorted keys so key order does not change the hash", () => {
    assert.equal(stableJson({ b: 1, a: { d: 2, c: 3 } }), stableJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
