import { strict as assert } from "node:assert";
import {
  DEMO_QUEUE_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WORKFLOW_ID,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator";
import { describeJob, jobTrigger, listJobs, ManualClock, triggerJob, workflowTrigger, type DecodedXml } from "./support/ciHttp";

describe("emulator: job life cycle", () => {
  let emulator: RunningEmulator;
  let clock: ManualClock;

  async function start(options: EmulatorOptions = {}): Promise<void> {
    clock = new ManualClock();
    emulator = await startEmulator({ clock: clock.read, ...options });
  }

  afterEach(async () => {
    await emulator.close();
  });

  async function state(jobId: string): Promise<DecodedXml> {
    return (await describeJob(emulator, jobId)).xml.Response.JobsDetail[0];
  }

  async function workflowJob(name = "cycle", workflowId = DEMO_WORKFLOW_ID): Promise<string> {
    return (await triggerJob(emulator, workflowTrigger(name, workflowId))).JobId as string;
  }

  it("by default goes Running one second after submission and Success three seconds later", async () => {
    await start();
    const jobId = await workflowJob();
    assert.equal(emulator.backend.job(jobId)?.state, "Submitted");
    clock.tick(1000);
    assert.equal(emulator.backend.job(jobId)?.state, "Running");
    clock.tick(2999);
    assert.equal(emulator.backend.job(jobId)?.state, "Running");
    clock.tick(1);
    const done = emulator.backend.job(jobId);
    assert.equal(done?.state, "Success");
    assert.deepEqual([done.startTime, done.endTime], [done.creationTime + 1000, done.creationTime + 4000]);
  });

  it("reports StartTime and EndTime as the instants the transitions fell due, however late it is asked", async () => {
    await start();
    const jobId = await workflowJob();
    const record = emulator.backend.job(jobId);
    assert.ok(record, "the job is stored");
    const created = record.creationTime;
    clock.tick(3_600_000);
    const job = await state(jobId);
    assert.equal(job.State, "Success");
    assert.equal(job.StartTime, new Date(created + 1000 + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+0800"));
    assert.equal(job.EndTime, new Date(created + 4000 + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+0800"));
  });

  it("by default also advances by reads: a read sees the state, then counts", async () => {
    await start();
    const jobId = await workflowJob();
    const seen = [];
    for (let read = 0; read < 4; read += 1) {
      seen.push((await state(jobId)).State);
    }
    assert.deepEqual(seen, ["Submitted", "Running", "Running", "Success"]);
  });

  it("counts an appearance in a list page as a read, like a query", async () => {
    await start();
    const jobId = await workflowJob();
    await listJobs(emulator);
    assert.equal((await state(jobId)).State, "Running");
  });

  it("takes transitions declared in the options, here by reads only", async () => {
    await start({ lifecycle: { transitions: [{ from: "Submitted", to: "Success", afterReads: 2 }] } });
    const jobId = await workflowJob();
    clock.tick(86_400_000);
    const seen = [(await state(jobId)).State, (await state(jobId)).State, (await state(jobId)).State];
    assert.deepEqual(seen, ["Submitted", "Submitted", "Success"]);
  });

  it("keeps a job Submitted forever with no transitions", async () => {
    await start({ lifecycle: { transitions: [] } });
    const jobId = await workflowJob();
    clock.tick(86_400_000);
    await state(jobId);
    assert.equal((await state(jobId)).State, "Submitted");
  });

  it("applies the first rule whose name pattern matches, here failing 'fail-' jobs at the end", async () => {
    await start({
      lifecycle: {
        rules: [
          { name: /^fail-/, fail: { code: "InternalError", message: "transcode failed" } },
          { name: /^fail-/, transitions: [] },
        ],
      },
    });
    const failing = await workflowJob("fail-me");
    const passing = await workflowJob("pass-me");
    clock.tick(10_000);
    const failed = await state(failing);
    assert.deepEqual([failed.State, failed.Code, failed.Message], ["Failed", "InternalError", "transcode failed"]);
    assert.notEqual(failed.StartTime, "-");
    assert.equal((await state(passing)).State, "Success");
  });

  it("matches rules by exact name and by type", async () => {
    await start({
      lifecycle: {
        rules: [
          { name: "stuck", transitions: [] },
          { type: "Job", fail: { message: "job kind fails" } },
        ],
      },
    });
    const stuck = await workflowJob("stuck");
    const job = (await triggerJob(emulator, jobTrigger("kind", "<Tag>MediaInfo</Tag>"))).JobId;
    clock.tick(10_000);
    assert.equal(emulator.backend.job(stuck)?.state, "Submitted");
    assert.deepEqual([emulator.backend.job(job)?.state, emulator.backend.job(job)?.message], ["Failed", "job kind fails"]);
  });

  it("lets a test fail one job, change its transitions, or set its state", async () => {
    await start();
    const failed = await workflowJob("one");
    const slow = await workflowJob("two");
    const forced = await workflowJob("three");
    emulator.backend.failJob(failed, { code: "InvalidParameter", message: "input not found" });
    emulator.backend.setJobPlan(slow, { transitions: [{ from: "Submitted", to: "Running", afterMs: 60_000 }] });
    emulator.backend.setJobState(forced, "Pause");
    clock.tick(10_000);
    assert.deepEqual(
      [failed, slow, forced].map((id) => emulator.backend.job(id)?.state),
      ["Failed", "Submitted", "Pause"],
    );
    assert.equal(emulator.backend.job(failed)?.message, "input not found");
  });

  it("accepts an unknown workflow id, then fails the job at start with InvalidParameter 'workflow not exist'", async () => {
    await start();
    const jobId = await workflowJob("ghost", "w00000000000000000000000000000000");
    clock.tick(1000);
    const job = await state(jobId);
    assert.deepEqual([job.State, job.Code, job.Message], ["Failed", "InvalidParameter", "workflow not exist"]);
  });

  it("fails a Type=Job job naming an unknown queue or template, and runs one naming known ids", async () => {
    await start();
    const known = `<Tag>Transcode</Tag><QueueId>${DEMO_QUEUE_ID}</QueueId><JobParam><TemplateId>${DEMO_TEMPLATE_ID}</TemplateId></JobParam>`;
    const badQueue = `<Tag>Transcode</Tag><QueueId>p00000000000000000000000000000000</QueueId>`;
    const badTemplate = `<Tag>Transcode</Tag><JobParam><TemplateId>t0000000000000000000000000000000000</TemplateId></JobParam>`;
    const ids = [];
    for (const operation of [known, badQueue, badTemplate]) {
      ids.push((await triggerJob(emulator, jobTrigger("catalogue", operation))).JobId as string);
    }
    clock.tick(10_000);
    assert.deepEqual(
      ids.map((id) => [emulator.backend.job(id)?.state, emulator.backend.job(id)?.message]),
      [
        ["Success", ""],
        ["Failed", "queue not exist"],
        ["Failed", "template not exist"],
      ],
    );
  });

  it("takes the catalogue from the options, replacing the default kind by kind", async () => {
    await start({ catalogue: { workflowIds: ["wcustom"] } });
    const custom = await workflowJob("custom", "wcustom");
    const demo = await workflowJob("demo", DEMO_WORKFLOW_ID);
    clock.tick(10_000);
    assert.deepEqual([emulator.backend.job(custom)?.state, emulator.backend.job(demo)?.state], ["Success", "Failed"]);
  });

  it("moves every job with advanceTime, without touching the injected clock", async () => {
    await start();
    const jobId = await workflowJob();
    const before = clock.nowMs;
    emulator.backend.advanceTime(5000);
    assert.equal(emulator.backend.job(jobId)?.state, "Success");
    assert.equal(clock.nowMs, before);
  });

  it("resets to no jobs and the starting ids", async () => {
    await start({ seed: 9 });
    const first = await workflowJob();
    emulator.backend.reset();
    assert.deepEqual(emulator.backend.jobs(), []);
    assert.equal(await workflowJob(), first);
  });
});
