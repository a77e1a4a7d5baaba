import { strict as assert } from "node:assert";
import type { RequestListener } from "node:http";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { CiClient, type CiClientOptions } from "../../../provider/client/ciClient";
import { FAST_RETRIES, rejectsWithCiError, secret, useEmulator, workflowTrigger } from "../../support/emulatorFixture";
import { startHttpStub, type StubServer } from "./stubServers";

describe("CiClient: a response larger than maxResponseBytes", () => {
  const fixture = useEmulator();

  it("is refused as ResponseTooLarge without being retried", async () => {
    const client = fixture.newClient({ maxResponseBytes: 64 });
    await rejectsWithCiError(client.listJobsPage(), {
      code: "ResponseTooLarge",
      operation: "ListJobs",
      statusCode: 200,
      fault: "server",
      retryable: false,
    });
    assert.equal(fixture.emulator.requests.entries.length, 1);
  });
});

describe("CiClient: servers that do not answer like the API", () => {
  const TOKEN = secret("sts-token-for-stub-servers-4e2");
  let stub: StubServer | undefined;
  let client: CiClient | undefined;

  async function serve(handler: RequestListener, options: Partial<CiClientOptions> = {}): Promise<{ stub: StubServer; client: CiClient }> {
    stub = await startHttpStub(handler);
    client = new CiClient({ ...DEMO_CREDENTIALS, securityToken: TOKEN, endpoint: stub.url, retryPolicy: FAST_RETRIES, ...options });
    return { stub, client };
  }

  afterEach(async () => {
    await client?.close();
    await stub?.close();
    client = undefined;
    stub = undefined;
  });

  function answer(status: number, body: string, contentType = "application/xml"): RequestListener {
    return (request, response) => {
      request.resume();
      response.writeHead(status, { "content-type": contentType, "x-ci-request-id": "stub-request-id" }).end(body);
    };
  }

  for (const [what, body] of [
    ["is not XML", "this is not <xml"],
    ["is HTML", "<html><body>Service temporarily moved</body></html>"],
    ["is empty", ""],
  ]) {
    it(`reports a 200 whose body ${what} as MalformedResponse of the call, with the request id`, async () => {
      const { client } = await serve(answer(200, body, "text/html"));
      const calls: [string, () => Promise<unknown>][] = [
        ["TriggerJob", () => client.triggerJob(workflowTrigger("garbage"))],
        ["DescribeJob", () => client.describeJob("b1")],
        ["ListJobs", () => client.listJobsPage()],
      ];
      for (const [operation, call] of calls) {
        const error = await rejectsWithCiError(call(), { code: "MalformedResponse", operation, fault: "server", retryable: false });
        assert.equal(error.requestId, "stub-request-id");
      }
    });
  }

  it("reports an error status without an <Error> body as HttpError with that status, retried as a server fault", async () => {
    const { stub, client } = await serve(answer(502, "<html>Bad Gateway</html>", "text/html"));
    const error = await rejectsWithCiError(client.describeJob("b1"), {
      code: "HttpError",
      operation: "DescribeJob",
      statusCode: 502,
      fault: "server",
      retryable: true,
    });
    assert.equal(error.requestId, "stub-request-id");
    assert.equal(stub.received, 3);
  });

  it("reports a server that never answers as RequestTimeout, each of the 3 attempts timing out", async () => {
    const { stub, client } = await serve((request) => request.resume(), { timeoutMs: 100 });
    await rejectsWithCiError(client.describeJob("b1"), {
      code: "RequestTimeout",
      operation: "DescribeJob",
      fault: "server",
      retryable: true,
    });
    assert.equal(stub.received, 3);
  });

  it("reports a trigger that never gets an answer as a RequestTimeout of TriggerJob that may have been sent, never sent twice", async () => {
    const methods: string[] = [];
    const { client } = await serve(
      (request) => {
        request.resume();
        methods.push(request.method ?? "");
      },
      { timeoutMs: 100, maxRetries: 1 },
    );
    const error = await rejectsWithCiError(client.triggerJob(workflowTrigger("silent")), {
      code: "RequestTimeout",
      operation: "TriggerJob",
      retryable: true,
    });
    assert.match(error.message, /^TriggerJob failed: RequestTimeout: the request may have been sent/);
    assert.equal(error.maybeSent, true);
    // The caller, which knows the jobs that existed before, looks the job up; the client never re-sends.
    assert.deepEqual(methods, ["POST"]);
  });

  it("reports a refused connection as a retryable ConnectionError after every attempt", async () => {
    const closed = await startHttpStub(answer(200, ""));
    await closed.close();
    client = new CiClient({ ...DEMO_CREDENTIALS, endpoint: closed.url, retryPolicy: FAST_RETRIES });
    const error = await rejectsWithCiError(client.listJobsPage(), {
      code: "ConnectionError",
      operation: "ListJobs",
      fault: "server",
      retryable: true,
    });
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(error.maybeSent, false, "a refused connection never carried the request");
  });
});
