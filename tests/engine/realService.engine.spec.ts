/**
 * The resource under the real CLI against the emulator behaving as the real service may: each case
 * is one answer the vendor's pages leave open (docs/lifecycle.md, "What the service leaves
 * undocumented"), and each asserts how many jobs end upstream.
 */
import { strict as assert } from "node:assert";
import { DEMO_QUEUE_ID, DEMO_TEMPLATE_ID } from "../../emulator";
import { ensurePulumi } from "../../scripts/pulumiCli";
import { assertConverged, manyJobs } from "./support/faultHelpers";
import { assertSucceeded, JobStack, workflowArgs } from "./support/jobStack";

/** A Type=Job transcode of one object, as the list sample's job. */
function transcodeArgs(name: string): Record<string, unknown> {
  return {
    name,
    type: "Job",
    input: { object: "videos/intro.mp4" },
    operation: { tag: "Transcode", queueId: DEMO_QUEUE_ID, jobParam: { templateId: DEMO_TEMPLATE_ID } },
  };
}

/** Stack traces of the provider's code, which no message a user reads should hold. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe("InventoryTriggerJob against the service as it may really behave", function () {
  this.timeout(240_000);
  let stack: JobStack | undefined;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  afterEach(async () => {
    stack?.emulator.backend.setFaults(undefined);
    await stack?.close();
    stack = undefined;
  });

  it("a listing that shows new jobs 3 s late, with three triggers losing their answer, leaves 6 jobs for 6 resources", async () => {
    stack = await JobStack.create({ faults: { listingLagMs: 3000, resetAfterCommits: [1, 2, 3] } });
    await stack.setJobs(manyJobs(6));

    assertSucceeded(await stack.project.up());

    assert.equal(stack.emulator.requests.entries.filter((entry) => entry.reset).length, 3, "three answers were lost");
    await assertConverged(stack, 6);
  });

  it("fields the service fills in do not stop an interrupted named job from being adopted, nor an import", async () => {
    stack = await JobStack.create({ faults: { filledFields: true } });
    const client = stack.client();
    // What an up killed between the trigger and state leaves: the job exists, state does not know it.
    const interrupted = await client.triggerJob(transcodeArgs("transcode-intro") as never);
    const elsewhere = await client.triggerJob(transcodeArgs("made-elsewhere") as never);
    await stack.setJobs([
      { resource: "intro", args: transcodeArgs("transcode-intro") },
      { resource: "adopted", args: transcodeArgs("made-elsewhere"), options: { import: elsewhere.jobId } },
    ]);

    const up = await stack.project.up();
    assertSucceeded(up);

    const outputs = await stack.outputs();
    assert.equal(outputs.intro.jobId, interrupted.jobId);
    assert.equal(outputs.adopted.jobId, elsewhere.jobId);
    assert.equal(stack.emulator.backend.jobs().length, 2, "no job was triggered");
  });

  it("a job the service answers 404 NoSuchJob for is refreshed as NotFound, and destroy ends with both a gone and a purged live job", async () => {
    stack = await JobStack.create({ faults: { unknownJob404: true }, lifecycle: { transitions: [] } });
    await stack.setJobs([
      { resource: "purged", args: workflowArgs("a/") },
      { resource: "purged-unrefreshed", args: workflowArgs("b/") },
    ]);
    assertSucceeded(await stack.project.up());
    const outputs = await stack.outputs();
    stack.emulator.backend.forget(String(outputs.purged.jobId));
    assertSucceeded(await stack.project.refresh(["--target", await urnOf(stack, "purged")]));
    const refreshed = (await stack.jobsInState()).find((resource) => resource.id === outputs.purged.jobId);
    assert.equal(refreshed?.outputs?.state, "NotFound");
    stack.emulator.backend.forget(String(outputs["purged-unrefreshed"].jobId));

    const destroy = await stack.project.destroy();

    assertSucceeded(destroy);
    assert.deepEqual(await stack.jobsInState(), []);
    assert.equal(stack.emulator.backend.jobs().length, 0);
  });

  it("a Running job the service refuses to cancel leaves state on destroy with a warning naming it, its state and the service's message, and no stack trace", async () => {
    stack = await JobStack.create({
      faults: { refuseCancel: "started" },
      lifecycle: { transitions: [{ from: "Submitted", to: "Running", afterMs: 0 }] },
    });
    await stack.setJobs([{ resource: "long-run", args: workflowArgs() }]);
    assertSucceeded(await stack.project.up());
    const jobId = String((await stack.outputs())["long-run"].jobId);

    const destroy = await stack.project.destroy();

    assertSucceeded(destroy);
    const output = destroy.stdout + destroy.stderr;
    assert.match(
      output,
      new RegExp(`job ${jobId} .*is Running and the service refused to cancel it \\(InvalidArgument: .*not yet started`),
    );
    assert.doesNotMatch(output, STACK_FRAME);
    assert.equal(stack.emulator.backend.job(jobId)?.state, "Running", "it runs on upstream");
    assert.deepEqual(await stack.jobsInState(), []);
  });

  it("a reconciler running up --refresh eight times over an always-failing job re-runs it 3 times, then fails every up naming the job, its state and the count", async () => {
    stack = await JobStack.create({ lifecycle: { rules: [{ fail: { at: "start", code: "InternalError", message: "always fails" } }] } });
    await stack.setJobs([{ resource: "flaky", args: workflowArgs("f/", { retriggerOnStates: ["Failed"] }) }]);

    const results = [];
    for (let pass = 0; pass < 8; pass++) {
      // Fails the job that is there, as the life cycle would on the next read.
      stack.emulator.backend.advanceTime(2000);
      results.push(await stack.project.up(["--refresh"]));
    }

    assert.equal(stack.emulator.backend.jobs().length, 4, "the first run and 3 re-runs, not 8");
    assert.deepEqual(
      results.map((result) => result.code === 0),
      [true, true, true, true, false, false, false, false],
      results.map((result) => result.stdout).join("\n"),
    );
    const last = stack.emulator.backend.jobs().at(-1);
    assert.ok(last !== undefined);
    const failure = results[7].stdout + results[7].stderr;
    assert.match(
      failure,
      new RegExp(`job ${last.jobId} \\(flaky-[a-z0-9]{7}\\) is Failed: it was re-run 3 times, the most maxRetriggers \\(3\\) allows`),
    );
    assert.doesNotMatch(failure, STACK_FRAME);
  });

  it("a service that matches the name filter by substring and lists 120 newer jobs first cannot hide the job a named resource already has", async () => {
    stack = await JobStack.create({ faults: { nameMatch: "substring" } });
    const client = stack.client();
    const earlier = await client.triggerJob({ name: "nightly", input: { prefix: "n/" }, operation: workflowArgs().operation as never });
    for (let i = 0; i < 120; i++)
      await client.triggerJob({ name: `nightly-${i}`, input: { prefix: "n/" }, operation: workflowArgs().operation as never });
    await stack.setJobs([{ resource: "nightly", args: workflowArgs("n/", { name: "nightly" }) }]);

    assertSucceeded(await stack.project.up());

    assert.equal((await stack.outputs()).nightly.jobId, earlier.jobId);
    assert.equal(stack.emulator.backend.jobs().filter((job) => job.name === "nightly").length, 1);
  });

  it("a name and a time given as secrets appear in no progress line and no error, and not in state in plaintext", async () => {
    const secretName = "confidential-backfill-7f3a";
    const secretEnd = "2026-13-40T99:00:00+0800";
    stack = await JobStack.create();
    await stack.setJobs([{ resource: "hidden", args: workflowArgs("h/", { name: secretName }), secrets: ["name"] }]);

    const up = await stack.project.up();
    assertSucceeded(up);
    assert.doesNotMatch(up.stdout + up.stderr, new RegExp(secretName));
    assert.match(up.stdout + up.stderr, /\[secret\]\) triggered/);
    // The program's own config (test:jobs) holds the name in clear; the job's inputs and outputs must not.
    const state = JSON.stringify(await stack.jobsInState());
    assert.match(state, /"__secretPaths":\["name"\]/);
    assert.doesNotMatch(state, new RegExp(secretName));

    await stack.setJobs([
      {
        resource: "hidden-time",
        args: workflowArgs("t/", { operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"], timeInterval: { end: secretEnd } } }),
        secrets: ["operation.timeInterval.end"],
      },
    ]);
    const preview = await stack.project.preview();
    assert.notEqual(preview.code, 0);
    assert.match(preview.stdout + preview.stderr, /operation\.timeInterval\.end/);
    assert.doesNotMatch(preview.stdout + preview.stderr, /2026-13-40/);
  });
});

/** The URN of the InventoryTriggerJob resource named `resource`. */
async function urnOf(stack: JobStack, resource: string): Promise<string> {
  const found = (await stack.project.exportStack()).deployment.resources?.find((r) => r.urn.endsWith(`::${resource}`));
  assert.ok(found, `no resource ${resource}`);
  return found.urn;
}
