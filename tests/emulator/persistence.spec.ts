import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { cancelJob, describeJob, ManualClock, triggerJob, workflowTrigger } from "./support/ciHttp";

describe("emulator: state file", () => {
  let directory: string;
  let stateFile: string;
  const clock = new ManualClock();
  const running: RunningEmulator[] = [];

  async function start(seed = 11): Promise<RunningEmulator> {
    const emulator = await startEmulator({ clock: clock.read, seed, stateFile });
    running.push(emulator);
    return emulator;
  }

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "ci-emulator-state-"));
    stateFile = join(directory, "nested", "state.json");
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  it("writes nothing until something changes", async () => {
    await start();
    assert.equal(existsSync(stateFile), false);
  });

  it("writes the job after a trigger, leaving no temporary file behind", async () => {
    const emulator = await start();
    const job = await triggerJob(emulator, workflowTrigger("saved", DEMO_WORKFLOW_ID));
    const saved = JSON.parse(readFileSync(stateFile, "utf8")) as { version: number; jobs: { jobId: string }[] };
    assert.equal(saved.version, 1);
    assert.deepEqual(
      saved.jobs.map((entry) => entry.jobId),
      [job.JobId],
    );
    assert.deepEqual(readdirSync(join(directory, "nested")), ["state.json"]);
  });

  it("keeps jobs, their states and their read counts across a restart", async () => {
    const first = await start();
    const kept = await triggerJob(first, workflowTrigger("kept", DEMO_WORKFLOW_ID));
    const canceled = await triggerJob(first, workflowTrigger("canceled", DEMO_WORKFLOW_ID));
    await cancelJob(first, canceled.JobId);
    await describeJob(first, kept.JobId);
    await first.close();

    const second = await start();
    const jobs = second.backend.jobs();
    assert.deepEqual(
      jobs.map((job) => [job.jobId, job.state, job.reads]),
      [
        [kept.JobId, "Running", 1],
        [canceled.JobId, "Cancel", 0],
      ],
    );
    assert.equal((await describeJob(second, kept.JobId)).xml.Response.JobsDetail[0].Name, "kept");
  });

  it("continues the id sequence after a restart with the same seed instead of reissuing ids", async () => {
    const first = await start();
    const before = await triggerJob(first, workflowTrigger("before", DEMO_WORKFLOW_ID));
    await first.close();
    const second = await start();
    const after = await triggerJob(second, workflowTrigger("after", DEMO_WORKFLOW_ID));
    assert.notEqual(after.JobId, before.JobId);
    assert.equal(second.backend.jobs().length, 2);
  });

  it("lets life cycles go on after a restart", async () => {
    const first = await start();
    const job = await triggerJob(first, workflowTrigger("later", DEMO_WORKFLOW_ID));
    await first.close();
    clock.tick(10_000);
    const second = await start();
    assert.equal(second.backend.job(job.JobId)?.state, "Success");
  });

  it("refuses to start from a file that is not a state file", async () => {
    writeFileSync(join(directory, "bad.json"), '{"version": 99, "jobs": []}');
    stateFile = join(directory, "bad.json");
    await assert.rejects(start(), /not an emulator state file/);
    writeFileSync(stateFile, "{ not json");
    await assert.rejects(start(), SyntaxError);
  });
});
