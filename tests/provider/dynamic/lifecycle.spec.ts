/**
 * Every row of the decision tables of docs/lifecycle.md, against the in-process emulator. Row numbers
 * are the table's.
 */
import { strict as assert } from "node:assert";
import { DEMO_QUEUE_ID, DEMO_TEMPLATE_ID, DEMO_WORKFLOW_ID } from "../../../emulator";
import { workflowTrigger } from "../../support/emulatorFixture";
import { autoNamed, LIST, named, TRIGGER, useProvider } from "./providerFixture";
import { inputsOf } from "../../../provider/dynamic/jobOutputs";

const cancelOf = (jobId: unknown) => `PUT /inventorytriggerjob/${String(jobId)}`;
const describeOf = (jobId: unknown) => `GET /inventorytriggerjob/${String(jobId)}`;

describe("job life cycle: identity and runs (docs/lifecycle.md, decision table)", () => {
  const p = useProvider();

  it("row 1: a new resource lists its name once, triggers once and stores the job", async () => {
    const { resource } = await p.deploy(autoNamed());
    assert.deepEqual(p.requests(), [LIST, TRIGGER]);
    assert.match(String(resource.outputs.name), /^backfill-[a-z0-9]{7}$/);
    assert.equal(resource.outputs.generation, 0);
    assert.equal(p.emulator.backend.job(resource.id)?.name, resource.outputs.name);
  });

  it("row 2: a retry of an interrupted create adopts the job it already triggered, live or since succeeded, auto-named or named", async () => {
    for (const news of [autoNamed("a/"), named("explicit-job", "b/")]) {
      const lost = await p.deploy(news);
      p.clearRequests();
      const retried = await p.deploy(news);
      assert.equal(retried.resource.id, lost.resource.id);
      assert.deepEqual(p.requests(), [LIST]);
    }
    p.emulator.backend.advanceTime(10_000);
    const finished = p.emulator.backend.jobs()[0];
    assert.equal(finished.state, "Success");
    p.clearRequests();
    assert.equal((await p.deploy(autoNamed("a/"))).resource.id, finished.jobId);
    assert.deepEqual(p.requests(), [LIST]);
  });

  it("row 3: a retry of an interrupted create whose job since failed or was cancelled triggers a new one", async () => {
    for (const [prefix, end] of [
      ["f/", "Failed"],
      ["c/", "Cancel"],
    ] as const) {
      const lost = await p.deploy(autoNamed(prefix));
      p.emulator.backend.setJobState(lost.resource.id, end);
      p.clearRequests();
      const retried = await p.deploy(autoNamed(prefix));
      assert.notEqual(retried.resource.id, lost.resource.id);
      assert.deepEqual(p.requests(), [LIST, TRIGGER]);
    }
  });

  it("row 4: a changed definition triggers a new job under a new name, then cancels the old one while it runs", async () => {
    const first = await p.deploy(autoNamed("2024/"));
    p.emulator.backend.advanceTime(1500);
    p.clearRequests();
    const second = await p.deploy(autoNamed("2025/"), first.resource);
    assert.equal(second.step, "replace");
    assert.notEqual(second.resource.outputs.name, first.resource.outputs.name);
    assert.equal(second.resource.outputs.generation, 1);
    assert.deepEqual(p.requests(), [LIST, TRIGGER, cancelOf(first.resource.id)]);
    assert.equal(p.emulator.backend.job(first.resource.id)?.state, "Cancel");
  });

  it("row 5: changed triggers run a finished job again under a new name", async () => {
    const first = await p.deploy(autoNamed("a/", { triggers: ["v1"] }));
    p.emulator.backend.advanceTime(10_000);
    const finished = (await p.refresh(first.resource)).resource;
    p.clearRequests();
    const second = await p.deploy(autoNamed("a/", { triggers: ["v2"] }), finished);
    assert.notEqual(second.resource.id, first.resource.id);
    assert.notEqual(second.resource.outputs.name, first.resource.outputs.name);
    assert.deepEqual(p.requests(), [LIST, TRIGGER]);
  });

  it("row 6: a revert to an earlier definition runs again, auto-named or named, instead of adopting the earlier run's job", async () => {
    for (const declare of [
      (rev: string) => autoNamed("r/", { triggers: [rev] }),
      (rev: string) => named("named-revert", "r/", { triggers: [rev] }),
    ]) {
      const rev1 = await p.deploy(declare("1"));
      p.emulator.backend.advanceTime(10_000);
      const rev2 = await p.deploy(declare("2"), (await p.refresh(rev1.resource)).resource);
      p.emulator.backend.advanceTime(10_000);
      const finished = (await p.refresh(rev2.resource)).resource;
      p.clearRequests();
      const back = await p.deploy(declare("1"), finished);
      assert.equal(back.step, "replace");
      assert.ok(![rev1.resource.id, rev2.resource.id].includes(back.resource.id), "the revert ran a job of its own");
      assert.deepEqual(p.requests(), [LIST, TRIGGER]);
      assert.equal(back.resource.outputs.generation, 2);
    }
  });

  it("row 7: a named job whose definition changed runs the new definition and cancels the old job, never adopting it", async () => {
    const first = await p.deploy(named("my-named-job", "images/"));
    p.emulator.backend.advanceTime(1500);
    p.clearRequests();
    const second = await p.deploy(named("my-named-job", "images2/"), first.resource);
    assert.notEqual(second.resource.id, first.resource.id);
    assert.deepEqual(p.requests(), [LIST, TRIGGER, cancelOf(first.resource.id)]);
    assert.deepEqual((await p.client.describeJob(second.resource.id))?.input, { prefix: "images2/" });
    assert.equal(p.emulator.backend.job(second.resource.id)?.state, "Submitted");
    assert.equal(p.emulator.backend.job(first.resource.id)?.state, "Cancel");
  });

  it("row 8: a named job whose triggers changed runs again although the old job has the same definition", async () => {
    const first = await p.deploy(named("same-def", "x/", { triggers: [1] }));
    p.clearRequests();
    const second = await p.deploy(named("same-def", "x/", { triggers: [2] }), first.resource);
    assert.notEqual(second.resource.id, first.resource.id);
    assert.deepEqual(p.requests(), [LIST, TRIGGER, cancelOf(first.resource.id)]);
  });

  it("row 8: an interrupted replacement of a named job adopts its own new job, not the job it replaces", async () => {
    const first = await p.deploy(named("interrupted", "x/", { triggers: [1] }));
    p.emulator.backend.advanceTime(2000);
    const lost = await p.deploy(named("interrupted", "x/", { triggers: [2] }), first.resource, true);
    assert.equal(p.emulator.backend.job(first.resource.id)?.state, "Running", "the old job was not cancelled");
    p.clearRequests();
    // The engine did not record the replacement: the next deploy starts from the same state.
    const retried = await p.deploy(named("interrupted", "x/", { triggers: [2] }), first.resource);
    assert.equal(retried.resource.id, lost.resource.id);
    // Found, not triggered; the replacement then completes by cancelling the job it replaced.
    assert.deepEqual(p.requests(), [LIST, cancelOf(first.resource.id)]);
  });

  it("row 9: a change of life-cycle options only updates in place without a request", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.advanceTime(10_000);
    const refreshed = (await p.refresh(first.resource)).resource;
    p.clearRequests();
    const second = await p.deploy(autoNamed("videos/", { cancelOnDelete: false, retriggerOnStates: ["Failed"] }), refreshed);
    assert.equal(second.step, "update");
    assert.deepEqual(second.diff?.updates, ["retriggerOnStates", "cancelOnDelete"]);
    assert.equal(second.resource.id, first.resource.id);
    assert.deepEqual(p.requests(), []);
  });

  it("row 10: a Failed job listed in retriggerOnStates runs again, and even after an ambiguous 503 the failed job is never taken for the new one", async () => {
    const news = named("rerun-me", "r/", { retriggerOnStates: ["Failed"] });
    const first = await p.deploy(news);
    p.emulator.backend.setJobState(first.resource.id, "Failed", { code: "InternalError", message: "boom" });
    const refreshed = (await p.refresh(first.resource)).resource;
    p.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    p.emulator.requests.onEntry((entry) => entry.status === 503 && p.emulator.backend.setFaults(undefined));
    p.clearRequests();
    const second = await p.deploy(news, refreshed);
    assert.equal(second.step, "replace");
    assert.notEqual(second.resource.id, first.resource.id);
    assert.equal(second.resource.outputs.state, "Submitted");
    // The name is looked up again over the whole visibility window before the trigger is re-sent.
    const requests = p.requests();
    assert.deepEqual(requests.slice(0, 2), [LIST, TRIGGER]);
    assert.equal(requests.at(-1), TRIGGER);
    assert.ok(requests.slice(2, -1).length >= 2 && requests.slice(2, -1).every((request) => request === LIST), requests.join(", "));
    assert.equal(p.emulator.backend.jobs().length, 2);
  });

  it("row 11: a Failed or cancelled job not listed in retriggerOnStates is a change of state: up warns without a request, or fails when it waits", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.setJobState(first.resource.id, "Failed", { code: "InternalError", message: "boom" });
    const failed = (await p.refresh(first.resource)).resource;
    p.clearRequests();
    const next = await p.deploy(autoNamed(), failed);
    assert.equal(next.step, "update");
    assert.deepEqual(next.diff?.updates, ["state"]);
    assert.equal(next.resource.outputs.state, "Failed");
    assert.deepEqual(p.requests(), []);
    assert.match(p.logs.join("\n"), /is Failed: InternalError boom; list Failed in retriggerOnStates/);

    const waiting = p.handlers.check(failed.inputs, autoNamed("videos/", { waitForCompletion: true })).inputs;
    assert.deepEqual(p.handlers.diff(failed.id, failed.outputs, waiting).updates, ["waitForCompletion", "state"]);
    await assert.rejects(p.handlers.update(failed.id, failed.outputs, waiting), /ended Failed: InternalError boom/);
    assert.deepEqual(p.requests(), []);
  });

  it("row 12: a waited-for job that timed out is waited for again by the next up, which fails again until it succeeds", async () => {
    p.emulator.backend.setLifecycle({
      transitions: [
        { from: "Submitted", to: "Running", afterMs: 1000 },
        { from: "Running", to: "Success", afterMs: 60_000 },
      ],
    });
    const news = autoNamed("slow/", { waitForCompletion: { timeoutSeconds: 3, pollIntervalSeconds: 1 } });
    const created = p.handlers.check({}, news).inputs;
    const timedOut = await p.handlers.create(created).then(
      () => assert.fail("the wait should time out"),
      (error: unknown) => error as { id: string; properties: Record<string, unknown>; message: string },
    );
    assert.match(timedOut.message, /did not finish within 3s \(last state Running\)/);
    const stored = { id: timedOut.id, inputs: created, outputs: timedOut.properties };

    const diff = p.handlers.diff(stored.id, stored.outputs, p.handlers.check(stored.inputs, news).inputs);
    assert.deepEqual(diff.updates, ["state"]);
    await assert.rejects(p.deploy(news, stored), /did not finish within 3s/);

    p.emulator.backend.advanceTime(60_000);
    const passed = await p.deploy(news, stored);
    assert.equal(passed.step, "update");
    assert.equal(passed.resource.outputs.state, "Success");
    assert.equal(p.emulator.backend.jobs().length, 1, "waiting again never triggers again");
    assert.equal((await p.deploy(news, passed.resource)).step, "same");
  });

  it("row 12: a waited-for job purged upstream after it succeeded is no change; one gone before it was seen to end fails saying how to recover", async () => {
    const waited = autoNamed("w/", { waitForCompletion: { timeoutSeconds: 60, pollIntervalSeconds: 1 } });
    const done = await p.deploy(waited);
    assert.equal(done.resource.outputs.state, "Success");
    p.emulator.backend.forget(done.resource.id);
    const purged = (await p.refresh(done.resource)).resource;
    assert.equal(purged.outputs.state, "NotFound");
    p.clearRequests();
    assert.equal((await p.deploy(waited, purged)).step, "same");
    assert.deepEqual(p.requests(), []);

    const running = await p.deploy(autoNamed("r/"));
    p.emulator.backend.forget(running.resource.id);
    const vanished = (await p.refresh(running.resource)).resource;
    await assert.rejects(
      p.deploy(autoNamed("r/", { waitForCompletion: true }), vanished),
      /is gone from the service before it was seen to succeed; list NotFound in retriggerOnStates or change triggers to run it again, or drop waitForCompletion to accept it/,
    );
  });

  it("row 13: a job gone upstream is not run again unless retriggerOnStates lists NotFound", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.reset();
    const gone = (await p.refresh(first.resource)).resource;
    assert.equal(gone.outputs.state, "NotFound");
    p.clearRequests();
    assert.equal((await p.deploy(autoNamed(), gone)).step, "same");
    assert.deepEqual(p.requests(), []);
    const rerun = await p.deploy(autoNamed("videos/", { retriggerOnStates: ["NotFound"] }), gone);
    assert.equal(rerun.step, "replace");
    assert.deepEqual(p.requests(), [LIST, TRIGGER]);
  });

  it("row 14: after a lost answer the job that POST created is returned, never one listed before it", async () => {
    const failedBefore = await p.deploy(named("lost-answer", "l/"));
    p.emulator.backend.setJobState(failedBefore.resource.id, "Failed");
    p.emulator.backend.setFaults({ resetAfterCommitRate: 1 });
    p.emulator.requests.onEntry((entry) => entry.reset && p.emulator.backend.setFaults(undefined));
    p.clearRequests();
    const { resource } = await p.deploy(named("lost-answer", "l/"));
    assert.notEqual(resource.id, failedBefore.resource.id);
    assert.deepEqual(p.requests(), [LIST, TRIGGER, LIST]);
    assert.equal(p.emulator.backend.jobs().length, 2);
  });

  it("rows 15 and 16: import adopts a job whose definition is the declared one, and otherwise fails naming each differing field", async () => {
    const made = await p.client.triggerJob({
      name: "made-elsewhere",
      input: { prefix: "x/" },
      operation: { workflowIds: [DEMO_WORKFLOW_ID] },
    });
    p.clearRequests();
    const adopted = await p.deploy(named("made-elsewhere", "x/", { adoptJobId: made.jobId }));
    assert.equal(adopted.resource.id, made.jobId);
    assert.deepEqual(p.requests(), [describeOf(made.jobId)]);

    const differs = p.handlers.check({}, named("made-elsewhere", "y/", { type: "Job", adoptJobId: made.jobId })).inputs;
    await assert.rejects(p.handlers.create(differs), (error: Error) => {
      assert.match(
        error.message,
        /cannot import job \S+: it differs from the program in type \(the job has "Workflow", the program "Job"\), input\.prefix \(the job has "x\/", the program "y\/"\)/,
      );
      return true;
    });
    assert.equal(p.requests().filter((r) => !r.startsWith("GET")).length, 0);
  });

  it("row 17: destroy cancels a Submitted, Running or paused job with one request each", async () => {
    for (const [prefix, state] of [
      ["s/", "Submitted"],
      ["r/", "Running"],
      ["p/", "Pause"],
    ] as const) {
      const { resource } = await p.deploy(autoNamed(prefix));
      p.emulator.backend.setJobState(resource.id, state);
      const known = (await p.refresh(resource)).resource;
      p.clearRequests();
      await p.handlers.remove(known.id, known.outputs);
      assert.deepEqual(p.requests(), [cancelOf(known.id)], state);
      assert.equal(p.emulator.backend.job(known.id)?.state, "Cancel", state);
    }
  });

  it("row 17: a cancel refused because the job just finished is not an error", async () => {
    const { resource } = await p.deploy(autoNamed());
    p.emulator.backend.advanceTime(10_000);
    p.clearRequests();
    await p.handlers.remove(resource.id, resource.outputs);
    assert.deepEqual(p.requests(), [cancelOf(resource.id), describeOf(resource.id)]);
    assert.equal(p.emulator.backend.job(resource.id)?.state, "Success");
  });

  it("row 18: destroy sends nothing for a finished or gone job, or with cancelOnDelete false", async () => {
    const finished = await p.deploy(autoNamed("done/"));
    p.emulator.backend.advanceTime(10_000);
    const done = (await p.refresh(finished.resource)).resource;
    const kept = await p.deploy(autoNamed("kept/", { cancelOnDelete: false }));
    p.clearRequests();
    await p.handlers.remove(done.id, done.outputs);
    await p.handlers.remove(kept.resource.id, kept.resource.outputs);
    await p.handlers.remove("gone-job", { ...done.outputs, state: "NotFound" });
    assert.deepEqual(p.requests(), []);
  });
  it("row 14: a job the listing shows only after a lag is still found after a lost answer, and the trigger is not sent again", async () => {
    p.emulator.backend.setFaults({ listingLagMs: 5000, resetAfterCommits: [1] });
    p.clearRequests();
    const { resource } = await p.deploy(named("lagging", "lag/"));
    assert.equal(p.requests().filter((request) => request === TRIGGER).length, 1);
    assert.deepEqual(
      p.emulator.backend.jobs().map((job) => job.jobId),
      [resource.id],
    );
  });

  it("row 14: a listing that lags longer than tencent-ci:visibilityWindowSeconds is the documented limit: the trigger is sent again", async () => {
    p.handlers.configure({ get: (key) => p.config[key] ?? (key === "tencent-ci:visibilityWindowSeconds" ? "2" : undefined) });
    p.emulator.backend.setFaults({ listingLagMs: 10_000, resetAfterCommits: [1] });
    await p.deploy(named("lag-beyond-window", "lag/"));
    assert.equal(p.emulator.backend.jobs().length, 2, "the window is the one promise the provider can keep without an idempotency token");
  });

  it("row 2: a named job interrupted before state knew it is adopted although the service reports fields the program left out", async () => {
    p.emulator.backend.setFaults({ filledFields: true });
    const news = {
      name: "filled-in",
      type: "Job",
      input: { object: "videos/a.mp4" },
      operation: { tag: "Transcode", queueId: DEMO_QUEUE_ID, jobParam: { templateId: DEMO_TEMPLATE_ID } },
    };
    const lost = await p.deploy(news);
    p.clearRequests();
    const retried = await p.deploy(news);
    assert.equal(retried.resource.id, lost.resource.id);
    assert.deepEqual(p.requests(), [LIST]);
  });

  it("row 15: import adopts a job although the service reports fields the program left out", async () => {
    p.emulator.backend.setFaults({ filledFields: true });
    const operation = { tag: "Transcode", queueId: DEMO_QUEUE_ID, jobParam: { templateId: DEMO_TEMPLATE_ID } };
    const made = await p.client.triggerJob({ name: "imported", type: "Job", input: { object: "a.mp4" }, operation });
    const adopted = await p.deploy({ name: "imported", type: "Job", input: { object: "a.mp4" }, operation, adoptJobId: made.jobId });
    assert.equal(adopted.resource.id, made.jobId);
  });

  it("a look-up reads every page and compares names exactly, so a service matching names by substring cannot hide the job", async () => {
    p.emulator.backend.setFaults({ nameMatch: "substring" });
    const interrupted = await p.deploy(named("nightly", "n/"));
    for (let i = 0; i < 120; i++) await p.client.triggerJob({ ...workflowTrigger(`nightly-${i}`) });
    p.clearRequests();
    const retried = await p.deploy(named("nightly", "n/"));
    assert.equal(retried.resource.id, interrupted.resource.id);
    assert.ok(p.requests().filter((request) => request === LIST).length >= 2, "the look-up followed NextToken");
    assert.equal(p.emulator.backend.jobs().filter((job) => job.name === "nightly").length, 1);
  });

  it("row 10: retriggerOnStates re-runs one declared run at most maxRetriggers times, counted in state, then up fails naming the job, its state and the count", async () => {
    const news = named("always-fails", "f/", { retriggerOnStates: ["Failed"], maxRetriggers: 2 });
    let current = (await p.deploy(news)).resource;
    const runs: string[] = [current.id];
    for (let pass = 1; pass <= 4; pass++) {
      p.emulator.backend.setJobState(current.id, "Failed", { code: "InternalError", message: "boom" });
      current = (await p.refresh(current)).resource;
      if (pass <= 2) {
        const rerun = await p.deploy(news, current);
        assert.equal(rerun.step, "replace", `pass ${pass}`);
        assert.equal(rerun.resource.outputs.retriggers, pass);
        current = rerun.resource;
        runs.push(current.id);
      } else {
        await assert.rejects(p.deploy(news, current), (error: Error) => {
          assert.match(
            error.message,
            new RegExp(`job ${current.id} \\(always-fails\\) is Failed: it was re-run 2 times, the most maxRetriggers \\(2\\) allows`),
          );
          return true;
        });
      }
    }
    assert.equal(p.emulator.backend.jobs().length, 3, "the first run and two re-runs");
    const changed = await p.deploy({ ...news, triggers: [2] }, current);
    assert.equal(changed.step, "replace");
    assert.equal(changed.resource.outputs.retriggers, undefined, "a new declared run starts its count afresh");
  });

  it("row 10: maxRetriggers 0 never re-runs, and a refresh or an update keeps the count", async () => {
    const first = await p.deploy(named("no-reruns", "z/", { retriggerOnStates: ["Failed"], maxRetriggers: 0 }));
    p.emulator.backend.setJobState(first.resource.id, "Failed");
    const failed = (await p.refresh(first.resource)).resource;
    await assert.rejects(p.deploy(named("no-reruns", "z/", { retriggerOnStates: ["Failed"], maxRetriggers: 0 }), failed), /re-run 0 times/);
    const counted = { ...failed, outputs: { ...failed.outputs, retriggers: 1 } };
    assert.equal((await p.refresh(counted)).resource.outputs.retriggers, 1);
    const updated = await p.handlers.update(counted.id, counted.outputs, {
      ...counted.inputs,
      cancelOnDelete: false,
      retriggerOnStates: [],
    });
    assert.equal(updated.outs.retriggers, 1);
  });

  it("row 1: a storm of 429 SlowDown with Retry-After on the first calls is waited out, and the job is triggered once", async () => {
    p.emulator.backend.setFaults({ throttleStorm: 6, retryAfterSeconds: 2 });
    const { resource } = await p.deploy(autoNamed("storm/"));
    const statuses = p.emulator.requests.entries.map((entry) => entry.status);
    assert.equal(statuses.filter((status) => status === 429).length, 6);
    assert.equal(p.emulator.requests.entries.filter((entry) => entry.method === "POST" && entry.status === 200).length, 1);
    assert.deepEqual(
      p.emulator.backend.jobs().map((job) => job.jobId),
      [resource.id],
    );
  });

  it("row 13: a job the service answers 404 NoSuchJob for is gone: refresh records NotFound and destroy forgets it without a cancel", async () => {
    p.emulator.backend.setFaults({ unknownJob404: true });
    const first = await p.deploy(autoNamed());
    p.emulator.backend.forget(first.resource.id);
    const gone = (await p.refresh(first.resource)).resource;
    assert.equal(gone.outputs.state, "NotFound");
    const live = await p.deploy(autoNamed("live/"));
    p.emulator.backend.forget(live.resource.id);
    await p.handlers.remove(live.resource.id, live.resource.outputs);
    await p.handlers.remove(gone.id, gone.outputs);
  });

  it("row 17: a Running job the service refuses to cancel leaves state with a warning naming it, its state and the service's message", async () => {
    p.emulator.backend.setFaults({ refuseCancel: "started" });
    const { resource } = await p.deploy(autoNamed());
    p.emulator.backend.setJobState(resource.id, "Running");
    const running = (await p.refresh(resource)).resource;
    p.logs.splice(0);
    await p.handlers.remove(running.id, running.outputs);
    assert.equal(p.emulator.backend.job(running.id)?.state, "Running");
    const warning = p.logs.find((line) => line.includes("refused to cancel"));
    assert.ok(warning, p.logs.join("\n"));
    assert.match(
      warning,
      new RegExp(`job ${running.id} .*is Running and the service refused to cancel it \\(InvalidArgument: .*not yet started`),
    );
  });
});

describe("job life cycle: refresh and --expect-no-changes (docs/lifecycle.md)", () => {
  const p = useProvider();

  it("a job that progressed is a refresh change of its state and times, and no change for the next up", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.advanceTime(10_000);
    const { resource, diff } = await p.refresh(first.resource);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.updates.sort(), ["endTime", "startTime", "state"]);
    assert.equal(resource.outputs.state, "Success");
    assert.equal((await p.deploy(autoNamed(), resource)).step, "same");
  });

  it("a job that failed is a refresh change of state, code and message, and a change of state for the next preview", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.advanceTime(1500);
    p.emulator.backend.setJobState(first.resource.id, "Failed", { code: "InternalError", message: "transcoder crashed" });
    const { resource, diff } = await p.refresh(first.resource);
    assert.deepEqual(diff.updates.sort(), ["code", "endTime", "message", "startTime", "state"]);
    const next = p.handlers.diff(resource.id, resource.outputs, p.handlers.check(resource.inputs, autoNamed()).inputs);
    assert.deepEqual(next, { changes: true, replaces: [], updates: ["state"], deleteBeforeReplace: false });
  });

  it("a refresh that saw nothing move reports no change, the first one after create and later ones alike", async () => {
    const first = await p.deploy(autoNamed());
    const once = await p.refresh(first.resource);
    assert.equal(once.diff.changes, false);
    const twice = await p.refresh(once.resource);
    assert.equal(twice.diff.changes, false);
    p.emulator.backend.advanceTime(1500);
    const moved = await p.refresh(twice.resource);
    assert.deepEqual(moved.diff.updates.sort(), ["startTime", "state"]);
  });

  it("a refresh returns the stamped inputs when the job moved or was never stamped, and leaves them out when it saw what state holds", async () => {
    const first = await p.deploy(autoNamed());
    const once = await p.handlers.read(first.resource.id, first.resource.outputs);
    assert.equal(once.inputs?.__observed, once.props.__observed, "the first read after create stamps the inputs");
    const stored = { id: once.id, inputs: once.inputs ?? {}, outputs: once.props };
    const still = await p.handlers.read(stored.id, stored.outputs);
    assert.equal(still.inputs, undefined, "nothing moved: the stored inputs stay");
    assert.deepEqual(stored.inputs, inputsOf(still.props), "the inputs kept are those the outputs were derived from, stamp included");
    p.emulator.backend.advanceTime(1500);
    const moved = await p.handlers.read(stored.id, still.props);
    assert.notEqual(moved.props.__observed, still.props.__observed);
    assert.equal(moved.inputs?.__observed, moved.props.__observed, "the job moved: the inputs carry the new stamp");
  });

  it("a job gone upstream is a refresh change to NotFound and no change for the next up", async () => {
    const first = await p.deploy(autoNamed());
    p.emulator.backend.reset();
    const { resource, diff } = await p.refresh(first.resource);
    assert.deepEqual(diff.updates, ["state"]);
    assert.equal((await p.deploy(autoNamed(), resource)).step, "same");
  });

  it("an up after a refresh that saw the job move compares only the program, whatever the stamps", async () => {
    const first = await p.deploy(autoNamed("a/"));
    p.emulator.backend.advanceTime(10_000);
    const refreshed = (await p.refresh(first.resource)).resource;
    const changed = await p.deploy(autoNamed("b/"), refreshed);
    assert.equal(changed.step, "replace");
    const again = await p.refresh(changed.resource);
    assert.equal(again.diff.changes, false);
  });
});
