import { strict as assert } from "node:assert";
import { DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { jobTrigger, send, workflowTrigger, type Reply } from "./support/ciHttp";

function request(inner: string): string {
  return `<Request>${inner}</Request>`;
}

const INPUT = "<Input><Prefix>in/</Prefix></Input>";
const OPERATION = `<Operation><WorkflowIds>${DEMO_WORKFLOW_ID}</WorkflowIds></Operation>`;

/** Bodies the service refuses, with the code and a word the message must contain. */
const REFUSED: [title: string, body: string, code: string, mentions: RegExp][] = [
  ["malformed XML as MalformedXML", "<Request><Name>x</Name>", "MalformedXML", /well-formed/],
  ["the docs' own typo <Type>…</Name> as MalformedXML", request("<Name>demo</Name><Type>Workflow</Name>"), "MalformedXML", /Type/],
  ["a root other than <Request> as MalformedXML", "<Job><Name>x</Name></Job>", "MalformedXML", /Request/],
  ["two root elements as MalformedXML", `${request("<Name>a</Name>")}<Request/>`, "MalformedXML", /Request/],
  ["an empty body as MalformedXML", "", "MalformedXML", /empty/],
  ["a missing Name", request(`${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["an empty Name", request(`<Name></Name>${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["a Name of 129 characters", request(`<Name>${"a".repeat(129)}</Name>${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["a Name with a space", request(`<Name>my job</Name>${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["a Name with a dot", request(`<Name>job.1</Name>${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["Name given twice", request(`<Name>a</Name><Name>b</Name>${INPUT}${OPERATION}`), "InvalidArgument", /Name/],
  ["an unknown Type", request(`<Name>a</Name><Type>Batch</Type>${INPUT}${OPERATION}`), "InvalidArgument", /Type/],
  ["a missing Input", request(`<Name>a</Name>${OPERATION}`), "InvalidArgument", /Input/],
  ["an empty Input", request(`<Name>a</Name><Input/>${OPERATION}`), "InvalidArgument", /exactly one/],
  [
    "an Input with two sources",
    request(`<Name>a</Name><Input><Prefix>a</Prefix><Object>b</Object></Input>${OPERATION}`),
    "InvalidArgument",
    /exactly one/,
  ],
  ["an empty Input/Object", request(`<Name>a</Name><Input><Object></Object></Input>${OPERATION}`), "InvalidArgument", /Object/],
  ["a missing Operation", request(`<Name>a</Name>${INPUT}`), "InvalidArgument", /Operation/],
  [
    "a Workflow trigger without WorkflowIds",
    request(`<Name>a</Name>${INPUT}<Operation><UserData>x</UserData></Operation>`),
    "InvalidArgument",
    /WorkflowIds/,
  ],
  ["a Workflow trigger with blank WorkflowIds", workflowTrigger("a", " , "), "InvalidArgument", /WorkflowIds/],
  ["a Job trigger without Tag", jobTrigger("a", "<QueueId>p1</QueueId>"), "InvalidArgument", /Tag/],
  ["JobLevel 3", jobTrigger("a", "<Tag>Transcode</Tag><JobLevel>3</JobLevel>"), "InvalidArgument", /JobLevel/],
  ["JobLevel 'high'", jobTrigger("a", "<Tag>Transcode</Tag><JobLevel>high</JobLevel>"), "InvalidArgument", /JobLevel/],
  ["an unknown CallBackType", jobTrigger("a", "<Tag>Transcode</Tag><CallBackType>Email</CallBackType>"), "InvalidArgument", /CallBackType/],
  [
    "an unknown CallBackFormat",
    jobTrigger("a", "<Tag>Transcode</Tag><CallBackFormat>YAML</CallBackFormat>"),
    "InvalidArgument",
    /CallBackFormat/,
  ],
  [
    "a TimeInterval start without an offset",
    workflowTrigger("a", DEMO_WORKFLOW_ID, undefined, "<TimeInterval><Start>2022-02-01T12:00:00</Start></TimeInterval>"),
    "InvalidArgument",
    /Start/,
  ],
  [
    "a TimeInterval end on 30 February",
    workflowTrigger("a", DEMO_WORKFLOW_ID, undefined, "<TimeInterval><End>2022-02-30T12:00:00+0800</End></TimeInterval>"),
    "InvalidArgument",
    /End/,
  ],
  [
    "a TimeInterval that starts after it ends",
    workflowTrigger(
      "a",
      DEMO_WORKFLOW_ID,
      undefined,
      "<TimeInterval><Start>2022-05-01T12:00:00+0800</Start><End>2022-02-01T12:00:00+0800</End></TimeInterval>",
    ),
    "InvalidArgument",
    /after/,
  ],
];

describe("emulator: trigger validation", () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 3 });
  });

  after(async () => {
    await emulator.close();
  });

  function post(body: string): Promise<Reply> {
    return send(emulator, { method: "POST", path: "/inventorytriggerjob", body });
  }

  for (const [title, body, code, mentions] of REFUSED) {
    it(`refuses ${title} with 400 ${code} and creates no job`, async () => {
      const reply = await post(body);
      assert.equal(reply.status, 400, reply.text);
      assert.equal(reply.xml.Error.Code, code);
      assert.match(reply.xml.Error.Message, mentions);
      assert.deepEqual(emulator.backend.jobs(), []);
    });
  }

  it("answers errors as <Error> with Code, Message, RequestId (the x-ci-request-id) and TraceId", async () => {
    const reply = await post("<Request>");
    assert.equal(reply.headers["content-type"], "application/xml");
    assert.deepEqual(Object.keys(reply.xml.Error), ["Code", "Message", "RequestId", "TraceId"]);
    assert.equal(reply.xml.Error.RequestId, reply.headers["x-ci-request-id"]);
    assert.ok(reply.xml.Error.TraceId.length > 0);
    assert.match(reply.text, /^<\?xml version='1.0' encoding='utf-8' \?>/);
  });

  it("refuses a Content-MD5 that does not match the body as 400 BadDigest", async () => {
    const reply = await send(emulator, {
      method: "POST",
      path: "/inventorytriggerjob",
      body: workflowTrigger("digest", DEMO_WORKFLOW_ID),
      headers: { "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==" },
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.xml.Error.Code, "BadDigest");
  });

  it("refuses a body over 1 MiB as 400 EntityTooLarge", async () => {
    const reply = await post(request(`<Name>big</Name><Pad>${"x".repeat(1024 * 1024)}</Pad>`));
    assert.equal(reply.status, 400);
    assert.equal(reply.xml.Error.Code, "EntityTooLarge");
  });
});
