import { strict as assert } from "node:assert";
import { DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { describeJob, ManualClock, send, triggerJob, workflowTrigger } from "./support/ciHttp";

describe("emulator: query a job (GET /inventorytriggerjob/<jobId>)", () => {
  let emulator: RunningEmulator;
  const clock = new ManualClock();

  beforeEach(async () => {
    emulator = await startEmulator({ clock: clock.read, lifecycle: { transitions: [] } });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it("answers the job as triggered, with RequestId first and no NonExistJobIds", async () => {
    const created = await triggerJob(emulator, workflowTrigger("queried", DEMO_WORKFLOW_ID));
    const reply = await describeJob(emulator, created.JobId);
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.xml.Response), ["RequestId", "JobsDetail"]);
    assert.deepEqual(reply.xml.Response.JobsDetail, [created]);
  });

  it("answers an unknown id with 200, the id in NonExistJobIds and no JobsDetail", async () => {
    const reply = await describeJob(emulator, "b00000000000000000000000000000000");
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.xml.Response, {
      RequestId: reply.headers["x-ci-request-id"],
      NonExistJobIds: "b00000000000000000000000000000000",
    });
  });

  it("counts each query as a read of the job", async () => {
    const created = await triggerJob(emulator, workflowTrigger("reads", DEMO_WORKFLOW_ID));
    await describeJob(emulator, created.JobId);
    await describeJob(emulator, created.JobId);
    assert.equal(emulator.backend.job(created.JobId)?.reads, 2);
  });

  it("decodes a percent-encoded job id in the path", async () => {
    const created = await triggerJob(emulator, workflowTrigger("encoded", DEMO_WORKFLOW_ID));
    const jobId = created.JobId as string;
    const encoded = `/inventorytriggerjob/%${jobId.charCodeAt(0).toString(16)}${jobId.slice(1)}`;
    const reply = await send(emulator, { method: "GET", path: `/inventorytriggerjob/${jobId}`, wirePath: encoded });
    assert.equal(reply.status, 200);
    assert.equal(reply.xml.Response.JobsDetail[0].JobId, created.JobId);
  });
});
