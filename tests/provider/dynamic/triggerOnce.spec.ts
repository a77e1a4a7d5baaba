import { strict as assert } from "node:assert";
import type { RequestLogEntry } from "../../../emulator";
import { formatServiceTime, parseServiceTime } from "../../../provider/model";
import { definitionDifferences, isAdoptable, triggerOnce } from "../../../provider/dynamic/triggerOnce";
import type { TriggerOnceOptions } from "../../../provider/dynamic/triggerOnce";
import { rejectsWithCiError, useEmulator, workflowTrigger } from "../../support/emulatorFixture";

/** No visibility window: the emulator lists new jobs at once unless a test says otherwise. */
const noWait: TriggerOnceOptions = { sleep: () => Promise.resolve(), visibilityWindowMs: 0 };

function summary(entries: readonly RequestLogEntry[]): string[] {
  return entries.map((entry) => `${entry.method} ${entry.status}${entry.reset ? " reset" : ""}`);
}

describe("triggerOnce against the emulator", () => {
  const fixture = useEmulator({ seed: 33 });

  function jobsNamed(name: string) {
    return fixture.emulator.backend.jobs().filter((job) => job.name === name);
  }

  it("lists the name once, with the type the listing filters on, then triggers once", async () => {
    const { job, adopted } = await triggerOnce(fixture.client, workflowTrigger("fresh"), noWait);
    assert.equal(adopted, false);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["GET 200", "POST 200"]);
    const [list] = fixture.emulator.requests.entries;
    assert.equal(list.query.name, "fresh");
    assert.equal(list.query.type, "Workflow");
    assert.deepEqual(
      jobsNamed("fresh").map((stored) => stored.jobId),
      [job.jobId],
    );
  });

  it("returns the job a trigger created before its connection was lost, found as a new id, without sending it again", async () => {
    fixture.emulator.backend.setFaults({ resetAfterCommitRate: 1 });
    fixture.emulator.requests.onEntry((entry) => entry.reset && fixture.emulator.backend.setFaults(undefined));
    const { job } = await triggerOnce(fixture.client, workflowTrigger("lost-answer"), noWait);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["GET 200", "POST 0 reset", "GET 200"]);
    assert.deepEqual(
      jobsNamed("lost-answer").map((stored) => stored.jobId),
      [job.jobId],
    );
  });

  it("creates one job even when every trigger attempt would lose its answer", async () => {
    fixture.emulator.backend.setFaults({ resetAfterCommitRate: 1 });
    const { job } = await triggerOnce(fixture.client, workflowTrigger("always-lost"), noWait);
    assert.deepEqual(
      jobsNamed("always-lost").map((stored) => stored.jobId),
      [job.jobId],
    );
    assert.equal(fixture.emulator.requests.writes().length, 1);
  });

  it("after a 503 that created nothing, looks the name up, sends the trigger again and creates exactly one", async () => {
    fixture.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    fixture.emulator.requests.onEntry((entry) => entry.status === 503 && fixture.emulator.backend.setFaults(undefined));
    const { job } = await triggerOnce(fixture.client, workflowTrigger("after-503"), noWait);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["GET 200", "POST 503", "GET 200", "POST 200"]);
    assert.deepEqual(
      jobsNamed("after-503").map((stored) => stored.jobId),
      [job.jobId],
    );
  });

  it("never returns a Failed or cancelled job of the same name that existed before the trigger, even after a 503", async () => {
    const failed = await fixture.client.triggerJob(workflowTrigger("rerun"));
    fixture.emulator.backend.setJobState(failed.jobId, "Failed");
    const cancelled = await fixture.client.triggerJob(workflowTrigger("rerun"));
    fixture.emulator.backend.setJobState(cancelled.jobId, "Cancel");
    fixture.emulator.requests.clear();
    fixture.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    fixture.emulator.requests.onEntry((entry) => entry.status === 503 && fixture.emulator.backend.setFaults(undefined));
    const { job, adopted } = await triggerOnce(fixture.client, workflowTrigger("rerun"), { ...noWait, refusedStates: ["Failed"] });
    assert.equal(adopted, false);
    assert.ok(![failed.jobId, cancelled.jobId].includes(job.jobId));
    assert.equal(jobsNamed("rerun").length, 3);
  });

  it("reports a retryable ServiceUnavailable and creates nothing when every attempt gets 503, after its attempts", async () => {
    fixture.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    // The fixture's client makes 3 attempts of a call (2 retries), the trigger's sends included.
    await rejectsWithCiError(triggerOnce(fixture.client, workflowTrigger("never"), noWait), {
      code: "ServiceUnavailable",
      operation: "TriggerJob",
      statusCode: 503,
      retryable: true,
    });
    assert.deepEqual(summary(fixture.emulator.requests.entries), [
      "GET 200",
      "POST 503",
      "GET 200",
      "POST 503",
      "GET 200",
      "POST 503",
      "GET 200",
    ]);
    assert.deepEqual(fixture.emulator.backend.jobs(), []);
  });

  it("under 20% 503 and 10% reset-after-commit, 50 runs create no duplicate: each returns its job or throws", async () => {
    fixture.emulator.backend.setFaults({ errorRates: { "503": 0.2 }, resetAfterCommitRate: 0.1 });
    const names = Array.from({ length: 50 }, (_, i) => `chaos-${i}`);
    let returned = 0;
    for (const name of names) {
      let job;
      try {
        ({ job } = await triggerOnce(fixture.client, workflowTrigger(name), noWait));
      } catch {
        assert.ok(jobsNamed(name).length <= 1, `${name} was created twice`);
        continue;
      }
      returned += 1;
      assert.deepEqual(
        jobsNamed(name).map((stored) => stored.jobId),
        [job.jobId],
        `${name} exists once, as returned`,
      );
    }
    const stored = fixture.emulator.backend.jobs().map((job) => job.name);
    assert.equal(new Set(stored).size, stored.length, "no name is stored twice");
    assert.ok(returned > 40, `most runs returned their job (${returned})`);
    const entries = fixture.emulator.requests.entries;
    assert.ok(
      entries.some((entry) => entry.reset),
      "some trigger lost its answer after creating its job",
    );
    assert.ok(
      entries.some((entry) => entry.method === "POST" && entry.status === 503),
      "some trigger got a 503",
    );
  });
});

describe("isAdoptable", () => {
  const request = { name: "job", type: "Workflow" as const, input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } };
  const job = {
    jobId: "b2",
    name: "job",
    type: "Workflow",
    state: "Running",
    creationTime: "2026-01-01T10:00:05+0800",
    input: { prefix: "a/" },
    operation: { workflowIds: ["w1"] },
  };

  it("takes a live or succeeded job of the name, never a Failed, cancelled or re-run state", () => {
    for (const state of ["Submitted", "Running", "Pause", "Success"])
      assert.equal(isAdoptable({ ...job, state }, request, {}), true, state);
    for (const state of ["Failed", "Cancel"]) assert.equal(isAdoptable({ ...job, state }, request, {}), false, state);
    assert.equal(isAdoptable({ ...job, state: "Success" }, request, { refusedStates: ["Success"] }), false);
  });

  it("never takes the job being replaced, nor one created before or with it", () => {
    const replacing = { jobId: "b1", creationTime: "2026-01-01T10:00:05+0800" };
    assert.equal(isAdoptable({ ...job, jobId: "b1" }, request, { replacing: { jobId: "b1" } }), false);
    assert.equal(isAdoptable(job, request, { replacing }), false, "created in the same second");
    assert.equal(isAdoptable({ ...job, creationTime: "2026-01-01T10:00:06+0800" }, request, { replacing }), true);
    assert.equal(isAdoptable({ ...job, creationTime: undefined }, request, { replacing }), false, "not provably newer");
  });

  it("asks an explicitly named job for the declared definition", () => {
    assert.equal(isAdoptable({ ...job, input: { prefix: "b/" } }, request, { requireSameDefinition: true }), false);
    assert.equal(isAdoptable(job, request, { requireSameDefinition: true }), true);
  });
});

describe("definitionDifferences and service times", () => {
  it("names each differing leaf of the definition, Workflow being the default type", () => {
    assert.deepEqual(
      definitionDifferences(
        { jobId: "b", input: { prefix: "y/" }, operation: { workflowIds: ["w1"] } },
        { type: "Job", input: { prefix: "z/" }, operation: { workflowIds: ["w1"] } },
      ),
      ["type", "input.prefix"],
    );
  });

  it("takes a field the service filled in and the program left out as no difference, but not a declared field the job lacks", () => {
    const reported = {
      jobId: "b",
      type: "Job",
      input: { object: "a.mp4" },
      operation: { tag: "Transcode", queueId: "q1", jobLevel: 0, userData: "", jobParam: { templateId: "t1", extra: { x: "1" } } },
    };
    const declared = {
      type: "Job",
      input: { object: "a.mp4" },
      operation: { tag: "Transcode", queueId: "q1", jobParam: { templateId: "t1" } },
    };
    assert.deepEqual(definitionDifferences(reported, declared), []);
    assert.deepEqual(definitionDifferences(reported, { ...declared, operation: { ...declared.operation, jobLevel: 1 } }), [
      "operation.jobLevel",
    ]);
    assert.deepEqual(definitionDifferences(reported, { ...declared, operation: { ...declared.operation, callBack: "https://x" } }), [
      "operation.callBack",
    ]);
  });

  it("writes and reads the service's times with their offset", () => {
    assert.equal(parseServiceTime("2026-01-01T08:00:00+0800")?.getTime(), Date.parse("2026-01-01T00:00:00Z"));
    assert.equal(formatServiceTime(Date.parse("2026-01-01T00:00:00.900Z")), "2026-01-01T08:00:00+0800");
    assert.equal(parseServiceTime("-"), undefined);
  });
});
