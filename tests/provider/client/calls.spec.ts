import { strict as assert } from "node:assert";
import { DEMO_QUEUE_ID, DEMO_TEMPLATE_ID, DEMO_WORKFLOW_ID } from "../../../emulator";
import type { TriggerJobRequest } from "../../../provider/model";
import { useEmulator, workflowTrigger } from "../../support/emulatorFixture";
import { RecordingAgent } from "./stubServers";

const OTHER_WORKFLOW_ID = "w0123456789abcdef0123456789abcdef";

/** A Workflow trigger setting every field a Workflow job takes, unknown elements included. */
const FULL_WORKFLOW_TRIGGER: TriggerJobRequest = {
  name: "workflow-every-field",
  type: "Workflow",
  input: { manifest: "cos://media-1250000000/inventory/manifest.json", extra: { manifestVersion: "2" } },
  operation: {
    timeInterval: { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" },
    workflowIds: [DEMO_WORKFLOW_ID, OTHER_WORKFLOW_ID],
    userData: "batch <42> & more",
    callBack: "https://callback.example.com/ci?x=1",
    callBackFormat: "XML",
    callBackType: "TDMQ",
    callBackMqConfig: { mqMode: "Queue", mqRegion: "sh", mqName: "ci-events" },
    callBackKafkaConfig: { region: "ap-guangzhou", instanceId: "ckafka-abc", topic: "jobs" },
    jobLevel: 2,
    extra: { futureSwitch: "on" },
  },
};

/** A Job trigger setting every field a Job takes, inline processing parameters included. */
const FULL_JOB_TRIGGER: TriggerJobRequest = {
  name: "job-every-field",
  type: "Job",
  input: { urlFile: "https://lists.example.com/objects.txt" },
  operation: {
    tag: "Transcode",
    queueId: DEMO_QUEUE_ID,
    queueType: "SpeedTranscoding",
    userData: "u",
    jobLevel: 0,
    callBack: "no",
    callBackFormat: "JSON",
    callBackType: "Url",
    jobParam: {
      templateId: DEMO_TEMPLATE_ID,
      transcodeTemplateId: DEMO_TEMPLATE_ID,
      watermarkTemplateId: [DEMO_TEMPLATE_ID, DEMO_TEMPLATE_ID],
      digitalWatermark: { message: "owner", type: "Text", version: "V1", ignoreError: "false" },
      transcode: { video: { codec: "H.264", bitrate: "1000" }, audio: { codec: "aac" } },
    },
    output: {
      region: "ap-chongqing",
      bucket: "out-1250000000",
      object: "out/${InventoryTriggerJobId}.mp4",
      spriteObject: "sprite.jpg",
      auObject: "voice.mp3",
      bassObject: "bass.mp3",
      drumObject: "drum.mp3",
      streamExtract: [
        { index: "0", object: "video.mp4" },
        { index: "1", object: "audio.aac" },
      ],
    },
  },
};

describe("CiClient: trigger, describe and cancel against the emulator", () => {
  const fixture = useEmulator({ seed: 11 });

  for (const request of [FULL_WORKFLOW_TRIGGER, FULL_JOB_TRIGGER]) {
    it(`triggers a Type=${request.type ?? "Workflow"} job whose every request field comes back from the service unchanged`, async () => {
      const job = await fixture.client.triggerJob(request);
      assert.match(job.jobId, /^b[0-9a-f]{32}$/);
      assert.deepEqual([job.name, job.type, job.state, job.code], [request.name, request.type, "Submitted", "Success"]);
      assert.deepEqual(job.input, request.input);
      assert.deepEqual(job.operation, request.operation);
      const stored = fixture.emulator.backend.job(job.jobId);
      assert.deepEqual([stored?.name, stored?.type], [request.name, request.type]);
    });
  }

  for (const input of [{ prefix: "" }, { object: "videos/a.mp4" }]) {
    it(`sends the ${Object.keys(input)[0]} input source as given`, async () => {
      const job = await fixture.client.triggerJob({ ...workflowTrigger(`input-${Object.keys(input)[0]}`), input });
      assert.deepEqual(job.input, input);
    });
  }

  it("describes an existing job with the detail the trigger returned", async () => {
    const triggered = await fixture.client.triggerJob(FULL_JOB_TRIGGER);
    const described = await fixture.client.describeJob(triggered.jobId);
    assert.deepEqual(described, triggered);
  });

  it("describes a job the service does not know as undefined", async () => {
    assert.equal(await fixture.client.describeJob("b00000000000000000000000000000000"), undefined);
    assert.deepEqual(
      fixture.emulator.requests.entries.map((entry) => [entry.method, entry.status]),
      [["GET", 200]],
    );
  });

  it("cancels a Running job: the job ends in Cancel", async () => {
    const job = await fixture.client.triggerJob(workflowTrigger("to-cancel"));
    fixture.emulator.backend.setJobState(job.jobId, "Running");
    await fixture.client.cancelJob(job.jobId);
    assert.equal(fixture.emulator.backend.job(job.jobId)?.state, "Cancel");
    assert.equal((await fixture.client.describeJob(job.jobId))?.state, "Cancel");
  });

  it("sends the cancel as PUT /inventorytriggerjob/<jobId>?cancel, the parameter without a value", async () => {
    const agent = new RecordingAgent();
    fixture.onTeardown(() => agent.close());
    const client = fixture.newClient({ dispatcher: agent });
    const job = await client.triggerJob(workflowTrigger("cancel-wire"));
    await client.cancelJob(job.jobId);
    assert.equal(agent.dispatched.at(-1), `PUT /inventorytriggerjob/${job.jobId}?cancel`);
    const cancel = fixture.emulator.requests.writes().at(-1);
    assert.deepEqual(
      [cancel?.method, cancel?.path, cancel?.query, cancel?.status],
      ["PUT", `/inventorytriggerjob/${job.jobId}`, { cancel: "" }, 200],
    );
  });
});
