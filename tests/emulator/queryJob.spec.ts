import { strict as assert } from "node:assert";
import { DEMO_QUEUE_ID, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import {
  cancelJob,
  describeJob,
  jobTrigger,
  listJobs,
  ManualClock,
  send,
  triggerJob,
  workflowTrigger,
  type DecodedXml,
} from "./support/ciHttp";

const UNKNOWN_ID = "b00000000000000000000000000000000";

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
    const reply = await describeJob(emulator, UNKNOWN_ID);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.xml.Response, {
      RequestId: reply.headers["x-ci-request-id"],
      NonExistJobIds: UNKNOWN_ID,
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

  it("answers an unknown id with 404 NoSuchJob under unknownJob404", async () => {
    emulator.backend.setFaults({ unknownJob404: true });
    const reply = await describeJob(emulator, UNKNOWN_ID);
    assert.equal(reply.status, 404);
    assert.equal(reply.xml.Error.Code, "NoSuchJob");
    assert.match(reply.xml.Error.Message, new RegExp(UNKNOWN_ID));
    assert.equal(reply.xml.Error.RequestId, reply.headers["x-ci-request-id"]);
  });

  it("still answers a known job with 200 under unknownJob404", async () => {
    emulator.backend.setFaults({ unknownJob404: true });
    const created = await triggerJob(emulator, workflowTrigger("known", DEMO_WORKFLOW_ID));
    assert.equal((await describeJob(emulator, created.JobId)).status, 200);
  });

  describe("filledFields", () => {
    const SPARSE = `<QueueId>${DEMO_QUEUE_ID}</QueueId><CallBack>https://example.com/cb</CallBack><Tag>Transcode</Tag>`;

    async function operations(jobId: string): Promise<DecodedXml[]> {
      const described = (await describeJob(emulator, jobId)).xml.Response.JobsDetail[0];
      const listed = ((await listJobs(emulator, { type: "Job" })).xml.Response.JobsDetail as DecodedXml[]).find(
        (job) => job.JobId === jobId,
      );
      return [described.Operation as DecodedXml, listed?.Operation as DecodedXml];
    }

    it("reports a Job job's Operation as triggered by default, without JobLevel or UserData", async () => {
      const created = await triggerJob(emulator, jobTrigger("sparse", SPARSE));
      const expected = { QueueId: DEMO_QUEUE_ID, CallBack: "https://example.com/cb", Tag: "Transcode" };
      assert.deepEqual(created.Operation, expected);
      assert.deepEqual(await operations(created.JobId), [expected, expected]);
    });

    it("reports JobLevel 0 and an empty UserData it was not sent, in the samples' element order, in every answer", async () => {
      emulator.backend.setFaults({ filledFields: true });
      const created = await triggerJob(emulator, jobTrigger("filled", SPARSE));
      const expected = { QueueId: DEMO_QUEUE_ID, UserData: "", CallBack: "https://example.com/cb", Tag: "Transcode", JobLevel: "0" };
      assert.deepEqual(created.Operation, expected);
      for (const operation of await operations(created.JobId)) {
        assert.deepEqual(operation, expected);
        assert.deepEqual(Object.keys(operation), Object.keys(expected));
      }
    });

    it("keeps the JobLevel and UserData a trigger sent, and leaves Workflow jobs alone", async () => {
      emulator.backend.setFaults({ filledFields: true });
      const given = await triggerJob(emulator, jobTrigger("given", `<UserData>mine</UserData><Tag>Transcode</Tag><JobLevel>2</JobLevel>`));
      assert.deepEqual(given.Operation, { UserData: "mine", Tag: "Transcode", JobLevel: "2" });
      const workflow = await triggerJob(emulator, workflowTrigger("workflow", DEMO_WORKFLOW_ID));
      assert.deepEqual(workflow.Operation, { WorkflowIds: DEMO_WORKFLOW_ID });
    });
  });

  describe("a job the service has purged (backend.forget)", () => {
    it("is gone from query, listing and cancel", async () => {
      const kept = await triggerJob(emulator, workflowTrigger("kept", DEMO_WORKFLOW_ID));
      const purged = await triggerJob(emulator, workflowTrigger("purged", DEMO_WORKFLOW_ID));
      emulator.backend.forget(purged.JobId as string);
      const described = await describeJob(emulator, purged.JobId);
      assert.deepEqual([described.status, described.xml.Response.NonExistJobIds], [200, purged.JobId]);
      const listed = ((await listJobs(emulator)).xml.Response.JobsDetail as DecodedXml[]).map((job) => job.JobId as string);
      assert.deepEqual(listed, [kept.JobId]);
      const cancel = await cancelJob(emulator, purged.JobId);
      assert.deepEqual([cancel.status, cancel.xml.Error.Code], [400, "InvalidArgument"]);
      assert.equal(emulator.backend.job(purged.JobId as string), undefined);
    });

    it("answers 404 NoSuchJob to query and cancel under unknownJob404", async () => {
      const purged = await triggerJob(emulator, workflowTrigger("purged", DEMO_WORKFLOW_ID));
      emulator.backend.forget(purged.JobId as string);
      emulator.backend.setFaults({ unknownJob404: true });
      assert.deepEqual((await describeJob(emulator, purged.JobId)).xml.Error.Code, "NoSuchJob");
      const cancel = await cancelJob(emulator, purged.JobId);
      assert.deepEqual([cancel.status, cancel.xml.Error.Code], [404, "NoSuchJob"]);
    });

    it("cannot forget an id the emulator never had", () => {
      assert.throws(() => emulator.backend.forget(UNKNOWN_ID), /no job/);
    });
  });
});
