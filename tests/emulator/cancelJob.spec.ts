import { strict as assert } from "node:assert";
import { DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { cancelJob, describeJob, ManualClock, send, triggerJob, workflowTrigger } from "./support/ciHttp";

describe("emulator: cancel a job (PUT /inventorytriggerjob/<jobId>?cancel)", () => {
  let emulator: RunningEmulator;
  const clock = new ManualClock();

  beforeEach(async () => {
    emulator = await startEmulator({
      clock: clock.read,
      lifecycle: {
        transitions: [
          { from: "Submitted", to: "Running", afterMs: 1000 },
          { from: "Running", to: "Success", afterMs: 5000 },
        ],
      },
    });
  });

  afterEach(async () => {
    await emulator.close();
  });

  async function newJob(name: string): Promise<string> {
    return (await triggerJob(emulator, workflowTrigger(name, DEMO_WORKFLOW_ID))).JobId as string;
  }

  it("moves a Submitted job to Cancel and sets its EndTime", async () => {
    const jobId = await newJob("submitted");
    const reply = await cancelJob(emulator, jobId);
    assert.equal(reply.status, 200);
    assert.equal(reply.xml.Response.RequestId, reply.headers["x-ci-request-id"]);
    const job = (await describeJob(emulator, jobId)).xml.Response.JobsDetail[0];
    assert.equal(job.State, "Cancel");
    assert.notEqual(job.EndTime, "-");
  });

  it("moves a Running job to Cancel, and the job stays Cancel", async () => {
    const jobId = await newJob("running");
    emulator.backend.advanceTime(1500);
    assert.equal(emulator.backend.job(jobId)?.state, "Running");
    assert.equal((await cancelJob(emulator, jobId)).status, 200);
    emulator.backend.advanceTime(60_000);
    assert.equal(emulator.backend.job(jobId)?.state, "Cancel");
  });

  it("answers a repeated cancel with 200, so a retried PUT is harmless", async () => {
    const jobId = await newJob("twice");
    await cancelJob(emulator, jobId);
    const again = await cancelJob(emulator, jobId);
    assert.equal(again.status, 200);
    assert.equal(emulator.backend.job(jobId)?.state, "Cancel");
  });

  it("leaves a finished job alone and answers 400 InvalidArgument naming its state", async () => {
    const jobId = await newJob("finished");
    emulator.backend.advanceTime(10_000);
    const reply = await cancelJob(emulator, jobId);
    assert.equal(reply.status, 400);
    assert.equal(reply.xml.Error.Code, "InvalidArgument");
    assert.match(reply.xml.Error.Message, /Success/);
    assert.equal(emulator.backend.job(jobId)?.state, "Success");
  });

  it("answers an unknown job id with 400 InvalidArgument", async () => {
    const reply = await cancelJob(emulator, "b11111111111111111111111111111111");
    assert.equal(reply.status, 400);
    assert.equal(reply.xml.Error.Code, "InvalidArgument");
    assert.match(reply.xml.Error.Message, /not exist/);
  });

  it("moves a Pause job to Cancel by default", async () => {
    const jobId = await newJob("paused");
    emulator.backend.setJobState(jobId, "Pause");
    assert.equal((await cancelJob(emulator, jobId)).status, 200);
    assert.equal(emulator.backend.job(jobId)?.state, "Cancel");
  });

  it("still cancels a Running job under refuseCancel finished, the default spelled out", async () => {
    emulator.backend.setFaults({ refuseCancel: "finished" });
    const jobId = await newJob("running-finished");
    emulator.backend.advanceTime(1500);
    assert.equal((await cancelJob(emulator, jobId)).status, 200);
    assert.equal(emulator.backend.job(jobId)?.state, "Cancel");
  });

  it("refuses to cancel a Running job under refuseCancel started, with 400 InvalidArgument, and the job runs on", async () => {
    emulator.backend.setFaults({ refuseCancel: "started" });
    const jobId = await newJob("running-started");
    emulator.backend.advanceTime(1500);
    const reply = await cancelJob(emulator, jobId);
    assert.deepEqual([reply.status, reply.xml.Error.Code], [400, "InvalidArgument"]);
    assert.match(reply.xml.Error.Message, /only jobs not yet started can be canceled/);
    assert.equal(emulator.backend.job(jobId)?.state, "Running");
    emulator.backend.advanceTime(10_000);
    assert.equal(emulator.backend.job(jobId)?.state, "Success");
  });

  it("refuses to cancel a Pause job under refuseCancel started, but still cancels Submitted and Cancel jobs", async () => {
    emulator.backend.setFaults({ refuseCancel: "started" });
    const paused = await newJob("paused-started");
    emulator.backend.setJobState(paused, "Pause");
    assert.equal((await cancelJob(emulator, paused)).status, 400);
    assert.equal(emulator.backend.job(paused)?.state, "Pause");
    const submitted = await newJob("submitted-started");
    assert.equal((await cancelJob(emulator, submitted)).status, 200);
    assert.equal((await cancelJob(emulator, submitted)).status, 200);
    assert.equal(emulator.backend.job(submitted)?.state, "Cancel");
  });

  it("answers an unknown job id with 404 NoSuchJob under unknownJob404", async () => {
    emulator.backend.setFaults({ unknownJob404: true });
    const reply = await cancelJob(emulator, "b11111111111111111111111111111111");
    assert.deepEqual([reply.status, reply.xml.Error.Code], [404, "NoSuchJob"]);
  });

  it("refuses PUT without ?cancel as 405 MethodNotAllowed and leaves the job running", async () => {
    const jobId = await newJob("no-subresource");
    const reply = await send(emulator, { method: "PUT", path: `/inventorytriggerjob/${jobId}` });
    assert.equal(reply.status, 405);
    assert.equal(reply.xml.Error.Code, "MethodNotAllowed");
    assert.match(reply.xml.Error.Message, /cancel/);
    assert.equal(emulator.backend.job(jobId)?.state, "Submitted");
  });
});

describe("emulator: paths and methods outside the four calls", () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
  });

  after(async () => {
    await emulator.close();
  });

  it("answers a path of no API with 404 NoSuchKey", async () => {
    const reply = await send(emulator, { method: "GET", path: "/workflow" });
    assert.equal(reply.status, 404);
    assert.equal(reply.xml.Error.Code, "NoSuchKey");
  });

  it("answers DELETE of a job with 405 MethodNotAllowed", async () => {
    const reply = await send(emulator, { method: "DELETE", path: "/inventorytriggerjob/b1" });
    assert.equal(reply.status, 405);
    assert.equal(reply.xml.Error.Code, "MethodNotAllowed");
  });

  it("checks the signature before telling whether a path exists", async () => {
    const reply = await send(emulator, { method: "GET", path: "/workflow", credentials: null });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "AccessDenied");
  });
});
