import { strict as assert } from "node:assert";
import { autoJobName, sanitizePrefix, stableJson } from "../../../provider/dynamic/autoName";
import { checkJob } from "../../../provider/dynamic/check";

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

describe("the run counter in check and the auto-name", () => {
  const news = { ...inputs, autoName: seed };

  it("leaves run 0 out of the hash, so names given before runs were counted stay the same", () => {
    assert.equal(autoJobName(seed, inputs, 0), autoJobName(seed, inputs));
    assert.notEqual(autoJobName(seed, inputs, 2), autoJobName(seed, inputs));
  });

  it("keeps the counter while the declaration is the one checked last time, so a retry finds its job", () => {
    const first = checkJob(news).inputs;
    assert.equal(first.generation, 0);
    const again = checkJob(news, first).inputs;
    assert.equal(again.generation, 0);
    assert.equal(again.name, first.name);
    assert.equal(checkJob({ ...news, waitForCompletion: true }, first).inputs.generation, 0, "a life-cycle option is not a new run");
  });

  it("counts every change of the declaration, so a revert gets a name of its own", () => {
    const rev1 = checkJob({ ...news, triggers: [1] }).inputs;
    const rev2 = checkJob({ ...news, triggers: [2] }, rev1).inputs;
    const back = checkJob({ ...news, triggers: [1] }, rev2).inputs;
    assert.deepEqual([rev1.generation, rev2.generation, back.generation], [0, 1, 2]);
    assert.notEqual(back.name, rev1.name);
  });

  it("overrides a counter or stamp a program tries to set, and carries the stamp of the last read", () => {
    const checked = checkJob({ ...news, generation: 7, __observed: "forged" }, { ...news, generation: 3, name: "x", __observed: "seen" });
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs.generation, 3, "the same declaration keeps the stored counter, whatever the program set");
    assert.equal(checked.inputs.__observed, "seen");
  });
});
