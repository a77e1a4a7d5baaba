import { strict as assert } from "node:assert";
import { CiClient } from "../../provider/ciClient";
import { ensurePulumi } from "../../scripts/pulumiCli";
import { assertSucceeded, ENGINE_CREDENTIALS, JobStack, workflowArgs } from "./support/jobStack";

/** A life cycle that only moves when a test moves the emulator's clock. */
const CLOCK_DRIVEN = { transitions: [{ from: "Submitted" as const, to: "Running" as const, afterMs: 1000 }, { from: "Running" as const, to: "Success" as const, afterMs: 3000 }] };
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
    await stack?.close();
  });

  it("preview sends nothing to the service", async () => {
    stack = await JobStack.create({ lifecycle: CLOCK_DRIVEN });
    await stack.setJobs([{ resource: "nightly", args: workflowArgs() }]);

    assertSucceeded(await stack.project.preview());

    assert.deepEqual(stack.emulator.requests.entries.map((e) => `${e.method} ${e.path}`), []);
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
          operation: { tag: "Transcode", queueId: "p893bcda225bf4945a378da6662e81a89", jobParam: { templateId: "t1460606b9752148c4ab182f55163ba7cd" } },
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
    assert.deepEqual((await stack.jobsInState()).map((r) => r.id), [second]);
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
    const readOnly = await client.triggerJob({ name: "made-elsewhere", input: { prefix: "x/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } });
    const managed = await client.triggerJob({ name: "adopt-me", input: { prefix: "y/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } });
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
    stack = await JobStack.create({ lifecycle: { ...NEVER_FINISHES, rules: [{ name: /^quick-/, transitions: CLOCK_DRIVEN.transitions }] } });
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
    assert.deepEqual(stack.writes().filter((w) => w.startsWith("PUT")), [`PUT /inventorytriggerjob/${outputs.long.jobId}`]);
  });

  it("a bad input fails preview naming each property, and nothing is sent", async () => {
    stack = await JobStack.create();
    await stack.setJobs([
      {
        resource: "broken",
        args: { name: "bad name!", input: { prefix: "a/", object: "b.mp4" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"], timeInterval: { start: "yesterday" } } },
      },
    ]);

    const result = await stack.project.preview();

    assert.notEqual(result.code, 0);
    const output = result.stdout + result.stderr;
    for (const property of ["name", "input", "operation.timeInterval.start"]) assert.match(output, new RegExp(`\\b${property.replace(/\./g, "\\.")}\\b`));
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
    stack = await JobStack.create({ lifecycle: { rules: [{ name: "doomed-job", fail: { code: "InternalError", message: "transcoder crashed" } }] } });
    const args = workflowArgs("d/", { name: "doomed-job", waitForCompletion: { timeoutSeconds: 60, pollIntervalSeconds: 1 } });
    await stack.setJobs([{ resource: "doomed", args }]);

    const failed = await stack.project.up();

    assert.notEqual(failed.code, 0);
    assert.match(failed.stdout + failed.stderr, /ended Failed: InternalError transcoder crashed/);
    const [inState] = await stack.jobsInState();
    const firstId = inState?.id;
    assert.ok(firstId, "the failed job is kept in state with its id");
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
