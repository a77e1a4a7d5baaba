import { strict as assert } from "node:assert";
import { changedPaths, diffJob } from "../../../provider/dynamic/diff";
import { UNKNOWN_VALUE } from "../../../provider/dynamic/resourceInputs";

const job = {
  name: "nightly-abc1234",
  type: "Workflow",
  input: { prefix: "videos/" },
  operation: { workflowIds: ["w1"], timeInterval: { start: "2024-01-01T00:00:00+0800", end: "2024-02-01T00:00:00+0800" } },
  cancelOnDelete: true,
};
const stored = { ...job, jobId: "b0123", state: "Running" };

describe("diffJob", () => {
  it("reports no change when the inputs equal the stored job", () => {
    assert.deepEqual(diffJob(stored, job), { changes: false, replaces: [], updates: [], deleteBeforeReplace: false });
  });

  it("replaces the job listing exactly the changed leaf paths of its definition", () => {
    const news = {
      ...job,
      operation: { ...job.operation, timeInterval: { ...job.operation.timeInterval, end: "2024-03-01T00:00:00+0800" } },
    };
    const diff = diffJob(stored, news);
    assert.deepEqual(diff.replaces, ["operation.timeInterval.end"]);
    assert.equal(diff.changes, true);
  });

  it("replaces the job when an input source is swapped", () => {
    assert.deepEqual(diffJob(stored, { ...job, input: { object: "a.mp4" } }).replaces, ["input.object", "input.prefix"]);
  });

  it("replaces the job when triggers change", () => {
    assert.deepEqual(diffJob({ ...stored, triggers: ["v1"] }, { ...job, triggers: ["v2"] }).replaces, ["triggers"]);
  });

  it("updates in place when only life-cycle options change", () => {
    const diff = diffJob(stored, { ...job, cancelOnDelete: false, waitForCompletion: true });
    assert.deepEqual(diff.replaces, []);
    // The job still runs, so the added wait also makes the deploy wait for it (a change of state).
    assert.deepEqual(diff.updates, ["waitForCompletion", "cancelOnDelete", "state"]);
    assert.equal(diff.changes, true);
  });

  it("replaces the job when its last known state is listed in retriggerOnStates", () => {
    const diff = diffJob({ ...stored, state: "Failed" }, { ...job, retriggerOnStates: ["Failed"] });
    assert.ok(diff.replaces.includes("retriggerOnStates"));
  });

  it("does not re-run a job gone upstream unless NotFound is listed", () => {
    assert.equal(
      diffJob({ ...stored, state: "NotFound" }, { ...job, retriggerOnStates: ["Failed"] }).changes,
      true /* retriggerOnStates itself is new */,
    );
    assert.deepEqual(
      diffJob({ ...stored, state: "NotFound", retriggerOnStates: ["Failed"] }, { ...job, retriggerOnStates: ["Failed"] }).replaces,
      [],
    );
    assert.deepEqual(
      diffJob({ ...stored, state: "NotFound", retriggerOnStates: ["NotFound"] }, { ...job, retriggerOnStates: ["NotFound"] }).replaces,
      ["retriggerOnStates"],
    );
  });

  it("treats a value unknown during preview as a change of that property", () => {
    assert.deepEqual(diffJob(stored, { ...job, input: { prefix: UNKNOWN_VALUE } }).replaces, ["input.prefix"]);
    assert.deepEqual(diffJob(stored, { ...job, operation: UNKNOWN_VALUE }).replaces, ["operation"]);
  });
});

describe("changedPaths", () => {
  it("compares arrays whole because order carries meaning", () => {
    assert.deepEqual(changedPaths({ ids: ["a", "b"] }, { ids: ["b", "a"] }, "op"), ["op.ids"]);
  });
  it("treats an absent key and an undefined value as equal", () => {
    assert.deepEqual(changedPaths({ a: 1 }, { a: 1, b: undefined }, "x"), []);
  });
});
