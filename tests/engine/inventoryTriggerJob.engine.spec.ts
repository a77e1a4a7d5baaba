import { strict as assert } from "node:assert";
import { CiClient } from "../../provider/client/ciClient";
import { ensurePulumi } from "../../scripts/pulumiCli";
import { assertSucceeded, ENGINE_CREDENTIALS, JobStack, type JobStackOutputs, workflowArgs } from "./support/jobStack";

/** A life cycle that only moves when a test moves the emulator's clock. */
const CLOCK_DRIVEN = {
  transitions: [
    { from: "Submitted" as const, to: "Running" as const, afterMs: 1000 },
    { from: "Running" as const, to: "Success" as const, afterMs: 3000 },
  ],
};
/** A life cycle in which jobs start and never finish, so they are still running at delete. */
const NEVER_FINISHES = { transitions: [{ from: "Submitted" as const, to: "Running" as const, afterMs: 1000 }] };

describe("InventoryTriggerJob under the Pulumi CLI", function () {
  this.timeout(240_000);
  let stack: JobStack;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  afterEach(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when a test failed before creating it
    await stack?.close();
  });

  it("preview sends nothing to the service", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "nightly", args: workflowArgs() }]);

    assertSucceeded(await stack.project.preview());

    assert.deepEqual(
      stack.emulator.requests.entries.map((e) => `${e.method} ${e.path}`),
      [],
    );
  });

  it("up triggers exactly one job per resource, and a second up changes nothing and sends no write", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([
      { resource: "workflow", args: workflowArgs("images/") },
      {
        resource: "transcode",
        args: {
          type: "Job",
          input: { object: "videos/intro.mp4" },
          operation: {
            tag: "Transcode",
            queueId: "p893bcda225bf4945a378da6662e81a89",
            jobParam: { templateId: "t1460606b9752148c4ab182f55163ba7cd" },
          },
        },
      },
    ]);

    assertSucceeded(await stack.project.up());
    const outputs = await stack.outputs();
    const upstream = stack.emulator.backend.jobs();
    assert.equal(upstream.length, 2);
    assert.deepEqual(upstream.map((j) => j.jobId).sort(), [outputs.workflow.jobId, outputs.transcode.jobId].sort());
    assert.match(outputs.workflow.name ?? "", /^workflow-[a-z0-9]{7}$/);
    assert.deepEqual(stack.writes(), ["POST /inventorytriggerjob", "POST /inventorytriggerjob"]);

    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.up());
    assertSucceeded(await stack.project.preview(["--expect-no-changes"]));
    assert.deepEqual(stack.writes(), []);
    assert.equal(stack.emulator.backend.jobs().length, 2);
  });

  it("changing an input replaces the job and cancels the old one while it runs", async () => {
    stack = await JobStack.create({ lifecycle: NEVER_FINISHES });
    await stack.setJobs([{ resource: "backfill", args: workflowArgs("2024/") }]);
    assertSucceeded(await stack.project.up());
    const first = (await stack.outputs()).backfill.jobId as string;
    stack.emulator.backend.advanceTime(2000);

    await stack.setJobs([{ resource: "backfill", args: workflowArgs("2025/") }]);
    const result = await stack.project.up();

    assertSucceeded(result);
    const second = (await stack.outputs()).backfill.jobId as string;
    assert.notEqual(second, first);
    assert.equal(stack.emulator.backend.job(first)?.state, "Cancel");
    assert.equal(stack.emulator.backend.jobs().length, 2);
    assert.deepEqual(
      (await stack.jobsInState()).map((r) => r.id),
      [second],
    );
  });

  it("changing triggers runs the job again under a new name", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "rerun", args: workflowArgs("a/", { triggers: ["v1"] }) }]);
    assertSucceeded(await stack.project.up());
    const first = (await stack.outputs()).rerun;

    await stack.setJobs([{ resource: "rerun", args: workflowArgs("a/", { triggers: ["v2"] }) }]);
    assertSucceeded(await stack.project.up());

    const second = (await stack.outputs()).rerun;
    assert.notEqual(second.jobId, first.jobId);
    assert.notEqual(second.name, first.name);
    assert.equal(stack.emulator.backend.jobs().length, 2);
  });

  it("refresh moves a job's state from Submitted to Success", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "watch", args: workflowArgs() }]);
    assertSucceeded(await stack.project.up());
    assert.equal((await stack.outputs()).watch.state, "Submitted");

    stack.emulator.backend.advanceTime(10_000);
    assertSucceeded(await stack.project.refresh());

    // Refresh updates the resource's state; stack outputs follow on the next run of the program.
    const [inState] = await stack.jobsInState();
    assert.equal(inState.outputs?.state, "Success");
    assertSucceeded(await stack.project.up());
    assert.equal((await stack.outputs()).watch.state, "Success");
  });

  it("get and the import option adopt jobs created outside Pulumi without triggering any", async () => {
    stack = await JobStack.create({ lifecycle: NEVER_FINISHES });
    const client = new CiClient({ ...ENGINE_CREDENTIALS, endpoint: stack.emulator.url });
    const readOnly = await client.triggerJob({
      name: "made-elsewhere",
      input: { prefix: "x/" },
      operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] },
    });
    const managed = await client.triggerJob({
      name: "adopt-me",
      input: { prefix: "y/" },
      operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] },
    });
    await client.close();
    stack.emulator.requests.clear();

    await stack.setJobs([
      { resource: "existing", getId: readOnly.jobId },
      { resource: "adopted", args: workflowArgs("y/", { name: "adopt-me" }), options: { import: managed.jobId } },
    ]);
    assertSucceeded(await stack.project.up());

    const outputs = await stack.outputs();
    assert.equal(outputs.existing.jobId, readOnly.jobId);
    assert.equal(outputs.existing.name, "made-elsewhere");
    assert.equal(outputs.adopted.jobId, managed.jobId);
    assert.deepEqual(stack.writes(), []);
    assertSucceeded(await stack.project.preview(["--expect-no-changes"]));

    stack.emulator.backend.advanceTime(2000);
    assertSucceeded(await stack.project.destroy());
    assert.equal(stack.emulator.backend.job(managed.jobId)?.state, "Cancel", "the adopted job is managed: destroy cancels it");
    assert.equal(stack.emulator.backend.job(readOnly.jobId)?.state, "Running", "a job read with get is never touched");
  });

  it("destroy cancels running jobs and leaves finished ones alone", async () => {
    stack = await JobStack.create({
      lifecycle: { ...NEVER_FINISHES, rules: [{ name: /^quick-/, transitions: CLOCK_DRIVEN.transitions }] },
    });
    await stack.setJobs([
      { resource: "long", args: workflowArgs("long/") },
      { resource: "quick", args: workflowArgs("quick/") },
    ]);
    assertSucceeded(await stack.project.up());
    const outputs = await stack.outputs();
    stack.emulator.backend.advanceTime(10_000);

    assertSucceeded(await stack.project.destroy());

    assert.equal(stack.emulator.backend.job(outputs.long.jobId as string)?.state, "Cancel");
    assert.equal(stack.emulator.backend.job(outputs.quick.jobId as string)?.state, "Success");
    // One request per job whose last known state (Submitted: no refresh ran) allows a cancel; the
    // service refuses the one for the job that has since finished, and it is left as it was.
    const cancels = stack.emulator.requests
      .writes()
      .filter((entry) => entry.method === "PUT")
      .map((entry) => [entry.path, entry.status]);
    assert.deepEqual(
      cancels.filter(([, status]) => status === 200),
      [[`/inventorytriggerjob/${outputs.long.jobId as string}`, 200]],
    );
    assert.equal(cancels.length, 2);
  });

  it("a bad input fails preview naming each property, and nothing is sent", async () => {
    stack = await JobStack.create();
    await stack.setJobs([
      {
        resource: "broken",
        args: {
          name: "bad name!",
          input: { prefix: "a/", object: "b.mp4" },
          operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"], timeInterval: { start: "yesterday" } },
        },
      },
    ]);

    const result = await stack.project.preview();

    assert.notEqual(result.code, 0);
    const output = result.stdout + result.stderr;
    for (const property of ["name", "input", "operation.timeInterval.start"])
      assert.match(output, new RegExp(`\\b${property.replace(/\./g, "\\.")}\\b`));
    assert.deepEqual(stack.emulator.requests.entries, []);
  });

  it("a stack without a region or bucket, or with a malformed one, fails preview naming the stack setting and its variable, and nothing is sent", async () => {
    stack = await JobStack.create();
    await stack.setJobs([{ resource: "nowhere", args: workflowArgs() }]);
    await stack.project.run(["config", "rm", "tencent-ci:endpoint", "--non-interactive"]);

    const missing = await stack.project.preview();
    await stack.project.setConfig("tencent-ci:region", "Guangzhou");
    await stack.project.setConfig("tencent-ci:bucket", "media-1250000000");
    const malformed = await stack.project.preview();
    // The stack's own teardown needs its endpoint back.
    await stack.project.run(["config", "rm", "tencent-ci:region", "--non-interactive"]);
    await stack.project.setConfig("tencent-ci:endpoint", stack.emulator.url);

    assert.notEqual(missing.code, 0);
    assert.match(
      missing.stdout + missing.stderr,
      /no region is set: set tencent-ci:region \(or TENCENTCLOUD_REGION\), or the resource's region/,
    );
    assert.match(missing.stdout + missing.stderr, /no bucket is set: set tencent-ci:bucket \(or TENCENTCLOUD_CI_BUCKET\)/);
    assert.notEqual(malformed.code, 0);
    assert.match(malformed.stdout + malformed.stderr, /tencent-ci:region \(or TENCENTCLOUD_REGION\) must be a region such as ap-guangzhou/);
    assert.deepEqual(stack.emulator.requests.entries, []);
  });

  it("neither the secret key nor the security token reaches the exported state or the CLI's output", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "secretive", args: workflowArgs() }]);

    const up = await stack.project.up();
    assertSucceeded(up);
    const exported = JSON.stringify(await stack.project.exportStack());

    for (const secret of [ENGINE_CREDENTIALS.secretKey, ENGINE_CREDENTIALS.securityToken]) {
      assert.ok(!exported.includes(secret), "a credential is in the exported state");
      assert.ok(!(up.stdout + up.stderr).includes(secret), "a credential is in the CLI's output");
    }
  });

  it("a job that fails while waited for fails the step but stays in state, and retriggerOnStates re-runs it", async () => {
    stack = await JobStack.create({
      lifecycle: { rules: [{ name: "doomed-job", fail: { code: "InternalError", message: "transcoder crashed" } }] },
    });
    const args = workflowArgs("d/", { name: "doomed-job", waitForCompletion: { timeoutSeconds: 60, pollIntervalSeconds: 1 } });
    await stack.setJobs([{ resource: "doomed", args }]);

    const failed = await stack.project.up();

    assert.notEqual(failed.code, 0);
    assert.match(failed.stdout + failed.stderr, /ended Failed: InternalError transcoder crashed/);
    const inState = (await stack.jobsInState()).at(0);
    assert.ok(inState?.id, "the failed job is kept in state with its id");
    const firstId = inState.id;
    assert.equal(inState.outputs?.state, "Failed");

    stack.emulator.backend.setLifecycle({});
    await stack.setJobs([{ resource: "doomed", args: { ...args, retriggerOnStates: ["Failed"] } }]);
    assertSucceeded(await stack.project.up());

    const outputs = await stack.outputs();
    assert.notEqual(outputs.doomed.jobId, firstId);
    assert.equal(outputs.doomed.state, "Success");
    assert.equal(stack.emulator.backend.jobs().length, 2);
  });

  it("a job that vanished upstream is flagged NotFound by refresh and not run again by the next up", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "ghost", args: workflowArgs() }]);
    assertSucceeded(await stack.project.up());
    stack.emulator.backend.reset();

    assertSucceeded(await stack.project.refresh());
    const kept = await stack.jobsInState();
    assert.equal(kept.length, 1, "the job is kept in state, not dropped");
    assert.equal(kept[0].outputs?.state, "NotFound");

    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.up());
    assert.deepEqual(stack.writes(), []);
    assert.equal(stack.emulator.backend.jobs().length, 0);

    assertSucceeded(await stack.project.destroy());
    assert.deepEqual(stack.emulator.requests.entries, [], "a job known to be gone is not asked about again");
  });
});

/**
 * One test per reported break of the resource's promise ("every declared change runs exactly one new
 * job, and diff and refresh surface a job's state"); docs/lifecycle.md holds the model.
 */
describe("InventoryTriggerJob life cycle under the Pulumi CLI", function () {
  this.timeout(300_000);
  let stack: JobStack;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  afterEach(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when a test failed before creating it
    await stack?.close();
  });

  const triggers = () => stack.writes().filter((write) => write === "POST /inventorytriggerjob").length;
  const inputOf = async (jobId: unknown) => (await stack.client().describeJob(String(jobId)))?.input;

  it("(1) a named job runs again when its definition or its triggers change, and the replacement never cancels its own job", async () => {
    stack = await JobStack.create({ lifecycle: NEVER_FINISHES });
    const declare = (prefix: string, rev: number) =>
      stack.setJobs([{ resource: "named", args: workflowArgs(prefix, { name: "my-named-job", triggers: [rev] }) }]);
    await declare("images/", 1);
    assertSucceeded(await stack.project.up());
    const first = (await stack.outputs()).named;
    stack.emulator.backend.advanceTime(2000);

    await declare("images2/", 1);
    stack.emulator.requests.clear();
    const changed = await stack.project.up();
    assertSucceeded(changed);
    const second = (await stack.outputs()).named;
    assert.doesNotMatch(changed.stdout + changed.stderr, /adopting it instead of triggering again/);
    assert.equal(triggers(), 1);
    assert.notEqual(second.jobId, first.jobId);
    assert.deepEqual(await inputOf(second.jobId), { prefix: "images2/" }, "the service runs the declared definition");
    assert.notEqual(stack.emulator.backend.job(String(second.jobId))?.state, "Cancel", "the replacement's own job is not cancelled");
    assert.equal(stack.emulator.backend.job(String(first.jobId))?.state, "Cancel");
    stack.emulator.backend.advanceTime(2000);

    await declare("images2/", 2);
    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.up());
    const third = (await stack.outputs()).named;
    assert.equal(triggers(), 1, "new triggers ran a new job although the definition is the same");
    assert.ok(![first.jobId, second.jobId].includes(third.jobId));
    assert.notEqual(stack.emulator.backend.job(String(third.jobId))?.state, "Cancel");
  });

  it("(2) a revert to an earlier definition runs again instead of adopting the earlier run's finished job", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    const declare = (rev: number) => stack.setJobs([{ resource: "gitops", args: workflowArgs("entries/", { triggers: [rev] }) }]);
    const runs: JobStackOutputs[] = [];
    for (const rev of [1, 2, 1]) {
      await declare(rev);
      assertSucceeded(await stack.project.up());
      runs.push((await stack.outputs()).gitops);
      stack.emulator.backend.advanceTime(10_000);
    }
    assert.equal(stack.emulator.backend.job(String(runs[0].jobId))?.state, "Success", "rev 1's job had finished");
    assert.equal(new Set(runs.map((run) => run.jobId)).size, 3, "each of the three deploys ran its own job");
    assert.equal(stack.emulator.backend.jobs().length, 3);
    assert.notEqual(runs[2].name, runs[0].name);
  });

  it("(3) a retriggerOnStates re-run that meets one 503 runs a new job instead of returning the failed one", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    // A short window: the look-ups over it are what this test counts, not how long they take.
    await stack.project.setConfig("tencent-ci:visibilityWindowSeconds", "3");
    await stack.setJobs([{ resource: "flaky", args: workflowArgs("f/", { retriggerOnStates: ["Failed"] }) }]);
    assertSucceeded(await stack.project.up());
    const failedId = String((await stack.outputs()).flaky.jobId);
    stack.emulator.backend.setJobState(failedId, "Failed", { code: "InternalError", message: "transcoder crashed" });
    assertSucceeded(await stack.project.refresh());

    stack.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    stack.emulator.requests.onEntry((entry) => entry.status === 503 && stack.emulator.backend.setFaults(undefined));
    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.up());

    const rerun = (await stack.outputs()).flaky;
    assert.notEqual(rerun.jobId, failedId);
    // The state the trigger answered with; the emulator's job may have moved on since (its clock is real).
    assert.equal(rerun.state, "Submitted");
    assert.notEqual(stack.emulator.backend.job(String(rerun.jobId))?.state, "Failed");
    assert.equal(stack.emulator.backend.jobs().length, 2, "one new job, however the trigger failed");
    const entries = stack.emulator.requests.entries;
    const lists = entries.filter((e) => e.method === "GET" && e.path === "/inventorytriggerjob").length;
    assert.ok(lists >= 3, `one listing before the trigger, then look-ups over the visibility window after the 503 (${lists})`);
    assert.equal(entries.filter((e) => e.method === "POST").length, 2, "the trigger, and one re-send once the window passed");
  });

  it("(4) a wait that failed keeps gating: the next up waits again and fails again until the job succeeds", async () => {
    stack = await JobStack.create({
      lifecycle: {
        transitions: [
          { from: "Submitted", to: "Running", afterMs: 0 },
          { from: "Running", to: "Success", afterMs: 600_000 },
        ],
      },
    });
    await stack.setJobs([
      { resource: "slow", args: workflowArgs("s/", { waitForCompletion: { timeoutSeconds: 3, pollIntervalSeconds: 1 } }) },
    ]);
    const timedOut = await stack.project.up();
    assert.notEqual(timedOut.code, 0);
    assert.match(timedOut.stdout + timedOut.stderr, /did not finish within 3s/);

    const again = await stack.project.up();
    assert.notEqual(again.code, 0, "the next up does not pass a job that is still running");
    assert.match(again.stdout + again.stderr, /did not finish within 3s/);

    stack.emulator.backend.advanceTime(600_000);
    assertSucceeded(await stack.project.up());
    assert.equal((await stack.outputs()).slow.state, "Success");
    assert.equal(stack.emulator.backend.jobs().length, 1, "waiting again never triggered again");
    assertSucceeded(await stack.project.preview(["--expect-no-changes"]));
  });

  it("(5) get exposes every output of the job: input, operation, type, name, id, state, times and code", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    const elsewhere = await stack
      .client()
      .triggerJob({ name: "made-elsewhere", input: { prefix: "x/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } });
    stack.emulator.backend.advanceTime(10_000);

    await stack.setJobs([{ resource: "existing", getId: elsewhere.jobId }]);
    assertSucceeded(await stack.project.up());
    const read = (await stack.outputs()).existing;
    assert.deepEqual(read.input, { prefix: "x/" });
    assert.deepEqual(read.operation, { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] });
    assert.equal(read.type, "Workflow");
    assert.equal(read.name, "made-elsewhere");
    assert.equal(read.jobId, elsewhere.jobId);
    assert.equal(read.state, "Success");
    assert.equal(read.code, "Success");
    for (const time of ["creationTime", "startTime", "endTime"])
      assert.match(String(read[time]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0800$/, time);
  });

  it("(6) the import option refuses a job whose definition differs from the declared one, naming each field, and adopts nothing", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    const other = await stack
      .client()
      .triggerJob({ name: "adopt-me", input: { prefix: "y/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } });

    const declared = { name: "adopt-me", input: { prefix: "z/" }, operation: { workflowIds: ["w1234567890abcdef1234567890abcdef"] } };
    await stack.setJobs([{ resource: "adopted", args: declared, options: { import: other.jobId } }]);
    stack.emulator.requests.clear();
    const refused = await stack.project.up();
    assert.notEqual(refused.code, 0);
    const output = refused.stdout + refused.stderr;
    assert.match(
      output,
      /cannot import job \S+: it differs from the program in input\.prefix \(the job has "y\/", the program "z\/"\), operation\.workflowIds \(the job has \["w7476ff3564ee45b7b490d64bccaba6cc"\], the program \["w1234567890abcdef1234567890abcdef"\]\)/,
    );
    assert.deepEqual(stack.writes(), []);
    assert.deepEqual(await stack.jobsInState(), []);
  });

  it("(7) refresh and preview show a job's state moving; preview --refresh --expect-no-changes passes for progress and fails for a failed job", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "watched", args: workflowArgs("w/") }]);
    assertSucceeded(await stack.project.up());
    const { jobId } = (await stack.outputs()).watched;
    stack.emulator.backend.advanceTime(10_000);

    const shown = /state\s*:\s*"Submitted" => "Success"/;
    const previewOnly = await stack.refreshPreview(["--diff"]);
    assertSucceeded(previewOnly);
    assert.match(previewOnly.stdout, shown, "refresh --preview-only --diff");
    assert.match(previewOnly.stdout, /endTime\s*:/, "every output that moved is shown");
    assert.notEqual((await stack.refreshPreview(["--expect-no-changes"])).code, 0, "a refresh that moves a job is a change");
    const previewRefresh = await stack.project.preview(["--refresh", "--diff"]);
    assertSucceeded(previewRefresh);
    assert.match(previewRefresh.stdout, shown, "preview --refresh --diff");
    assertSucceeded(await stack.project.preview(["--refresh", "--expect-no-changes"]));
    const refreshed = await stack.project.refresh(["--diff"]);
    assertSucceeded(refreshed);
    assert.match(refreshed.stdout, shown, "refresh --diff");
    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.up());
    assertSucceeded(await stack.project.preview(["--expect-no-changes"]));
    assert.deepEqual(stack.writes(), []);

    stack.emulator.backend.setJobState(String(jobId), "Failed", { code: "InternalError", message: "transcoder crashed" });
    const failed = await stack.project.preview(["--refresh", "--expect-no-changes", "--diff"]);
    assert.notEqual(failed.code, 0, "a failed job is what preview --refresh --expect-no-changes reports");
    assert.match(failed.stdout, /state\s*:\s*"Success" => "Failed"/);
  });

  it("(8) destroy cancels a paused job with one request", async () => {
    stack = await JobStack.create({ lifecycle: NEVER_FINISHES });
    await stack.setJobs([{ resource: "paused", args: workflowArgs("p/") }]);
    assertSucceeded(await stack.project.up());
    const { jobId } = (await stack.outputs()).paused;
    stack.emulator.backend.setJobState(String(jobId), "Pause");
    assertSucceeded(await stack.project.refresh());

    stack.emulator.requests.clear();
    assertSucceeded(await stack.project.destroy());
    assert.equal(stack.emulator.backend.job(String(jobId))?.state, "Cancel");
    assert.deepEqual(
      stack.emulator.requests.entries.map((e) => `${e.method} ${e.path}`),
      [`PUT /inventorytriggerjob/${String(jobId)}`],
    );
  });
});
