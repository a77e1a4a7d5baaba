import { strict as assert } from "node:assert";
import { DEMO_QUEUE_ID, DEMO_TEMPLATE_ID, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { jobTrigger, ManualClock, send, triggerJob, workflowTrigger } from "./support/ciHttp";

const CI_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0800$/;

describe("emulator: trigger a job (POST /inventorytriggerjob)", () => {
  let emulator: RunningEmulator;
  const clock = new ManualClock(Date.UTC(2026, 0, 2, 7, 30, 15));

  beforeEach(async () => {
    emulator = await startEmulator({ clock: clock.read, seed: 42 });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it("answers the docs' sample with a JobsDetail echoing Input and Operation, plus a RequestId", async () => {
    const body = `<Request>
      <Name>demo</Name>
      <Type>Workflow</Type>
      <Input><Prefix>input</Prefix></Input>
      <Operation>
        <TimeInterval><Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>
        <WorkflowIds>${DEMO_WORKFLOW_ID}</WorkflowIds>
      </Operation>
    </Request>`;
    const reply = await send(emulator, { method: "POST", path: "/inventorytriggerjob", body });
    assert.equal(reply.status, 200);
    const response = reply.xml.Response;
    assert.equal(response.RequestId, reply.headers["x-ci-request-id"]);
    const job = response.JobsDetail[0];
    assert.equal(response.JobsDetail.length, 1);
    assert.deepEqual(
      [job.Code, job.Message, job.Type, job.Name, job.State, job.StartTime, job.EndTime],
      ["Success", "", "Workflow", "demo", "Submitted", "-", "-"],
    );
    assert.match(job.JobId, /^b[0-9a-f]{32}$/);
    assert.equal(job.CreationTime, "2026-01-02T15:30:15+0800");
    assert.deepEqual(job.Input, { Prefix: "input" });
    assert.deepEqual(job.Operation, {
      TimeInterval: { Start: "2022-02-01T12:00:00+0800", End: "2022-05-01T12:00:00+0800" },
      WorkflowIds: DEMO_WORKFLOW_ID,
    });
  });

  it("sends the service's response headers", async () => {
    const reply = await send(emulator, { method: "POST", path: "/inventorytriggerjob", body: workflowTrigger("h", DEMO_WORKFLOW_ID) });
    assert.equal(reply.headers["content-type"], "application/xml");
    assert.equal(reply.headers.server, "tencent-ci");
    assert.equal(reply.headers.date, new Date(clock.nowMs).toUTCString());
    assert.ok(typeof reply.headers["x-ci-request-id"] === "string" && reply.headers["x-ci-request-id"].length > 0);
    assert.equal(Number(reply.headers["content-length"]), Buffer.byteLength(reply.text));
  });

  it("writes the element order of the sample", async () => {
    const reply = await send(emulator, { method: "POST", path: "/inventorytriggerjob", body: workflowTrigger("order", DEMO_WORKFLOW_ID) });
    const names = [...reply.text.matchAll(/^ {4}<(\w+)/gm)].map((match) => match[1]);
    assert.deepEqual(names, [
      "Code",
      "Message",
      "Type",
      "Name",
      "JobId",
      "State",
      "CreationTime",
      "StartTime",
      "EndTime",
      "Input",
      "Operation",
    ]);
  });

  it("defaults Type to Workflow", async () => {
    const body = `<Request><Name>untyped</Name><Input><Object>a.mp4</Object></Input><Operation><WorkflowIds>${DEMO_WORKFLOW_ID}</WorkflowIds></Operation></Request>`;
    assert.equal((await triggerJob(emulator, body)).Type, "Workflow");
  });

  it("joins WorkflowIds with commas, trimming spaces and accepting the element repeated", async () => {
    const body = workflowTrigger("joined", `${DEMO_WORKFLOW_ID} , w2`);
    assert.equal((await triggerJob(emulator, body)).Operation.WorkflowIds, `${DEMO_WORKFLOW_ID},w2`);
    const repeated = `<Request><Name>rep</Name><Input><Prefix>a</Prefix></Input><Operation><WorkflowIds>w1</WorkflowIds><WorkflowIds>w2</WorkflowIds></Operation></Request>`;
    assert.equal((await triggerJob(emulator, repeated)).Operation.WorkflowIds, "w1,w2");
  });

  it("echoes every Operation field of a Type=Job trigger, nested JobParam and Output included", async () => {
    const operation = `<Tag>Transcode</Tag><QueueId>${DEMO_QUEUE_ID}</QueueId><UserData>this is my job</UserData>
      <CallBack>https://www.callback.com</CallBack><CallBackFormat>JSON</CallBackFormat><CallBackType>Url</CallBackType>
      <JobParam><TemplateId>${DEMO_TEMPLATE_ID}</TemplateId><Transcode><Video><Codec>H.264</Codec></Video></Transcode></JobParam>
      <Output><Region>ap-chongqing</Region><Bucket>test-1234567890</Bucket><Object>output/\${InventoryTriggerJobId}/out.mp4</Object></Output>
      <JobLevel>0</JobLevel>`;
    const job = await triggerJob(emulator, jobTrigger("job-kind", operation));
    assert.equal(job.Type, "Job");
    assert.deepEqual(job.Operation, {
      Tag: "Transcode",
      QueueId: DEMO_QUEUE_ID,
      UserData: "this is my job",
      CallBack: "https://www.callback.com",
      CallBackFormat: "JSON",
      CallBackType: "Url",
      JobParam: { TemplateId: DEMO_TEMPLATE_ID, Transcode: { Video: { Codec: "H.264" } } },
      Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "output/${InventoryTriggerJobId}/out.mp4" },
      JobLevel: "0",
    });
  });

  it("accepts a Type=Job trigger with only a Tag, as for MediaInfo jobs", async () => {
    const job = await triggerJob(emulator, jobTrigger("media-info", "<Tag>MediaInfo</Tag>"));
    assert.deepEqual(job.Operation, { Tag: "MediaInfo" });
  });

  it("accepts every Input source, an empty Prefix meaning the whole bucket", async () => {
    for (const input of ["<Manifest>inv/manifest.json</Manifest>", "<UrlFile>urls.txt</UrlFile>", "<Prefix/>", "<Object>a.mp4</Object>"]) {
      const job = await triggerJob(emulator, workflowTrigger("sources", DEMO_WORKFLOW_ID, input));
      assert.equal(Object.keys(job.Input).length, 1, input);
    }
  });

  it("accepts names of 128 letters, digits, Chinese characters, '-' and '_'", async () => {
    await triggerJob(emulator, workflowTrigger("a".repeat(128), DEMO_WORKFLOW_ID));
    assert.equal((await triggerJob(emulator, workflowTrigger("转码_job-1", DEMO_WORKFLOW_ID))).Name, "转码_job-1");
  });

  it("escapes XML special characters it echoes", async () => {
    const job = await triggerJob(emulator, jobTrigger("escape", "<Tag>Transcode</Tag><UserData>a &lt;b&gt; &amp; c</UserData>"));
    assert.equal(job.Operation.UserData, "a <b> & c");
  });

  it("gives job ids from the seed, so two emulators with one seed agree", async () => {
    const first = (await triggerJob(emulator, workflowTrigger("seeded", DEMO_WORKFLOW_ID))).JobId;
    const other = await startEmulator({ clock: clock.read, seed: 42 });
    try {
      assert.equal((await triggerJob(other, workflowTrigger("seeded", DEMO_WORKFLOW_ID))).JobId, first);
    } finally {
      await other.close();
    }
  });

  it("keeps the created job in the backend", async () => {
    const job = await triggerJob(emulator, workflowTrigger("kept", DEMO_WORKFLOW_ID));
    const stored = emulator.backend.jobs();
    assert.deepEqual(
      stored.map((entry) => [entry.jobId, entry.name, entry.state]),
      [[job.JobId, "kept", "Submitted"]],
    );
    assert.match(job.CreationTime, CI_TIME);
  });
});
