import { strict as assert } from "node:assert";
import { request as undiciRequest } from "undici";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { CiClient } from "../../../provider/client/ciClient";
import { encodeErrorBody, encodeJobsResponse } from "../../support/wireCodec";
import { FAST_RETRIES, rejectsWithCiError, useEmulator, workflowTrigger } from "../../support/emulatorFixture";
import { RecordingAgent, startHttpStub, type StubServer } from "./stubServers";

const TWENTY_MINUTES = 20 * 60_000;

describe("CiClient: clock skew", () => {
  const fixture = useEmulator({ seed: 41 });

  function statuses(): string[] {
    return fixture.emulator.requests.entries.map((entry) => `${entry.status}${entry.errorCode === undefined ? "" : ` ${entry.errorCode}`}`);
  }

  it("recovers a clock 20 minutes ahead with one resync from the service's Date: exactly one extra request", async () => {
    const client = fixture.newClient({ clock: () => Date.now() + TWENTY_MINUTES });
    assert.deepEqual((await client.listJobsPage()).jobs, []);
    assert.deepEqual(statuses(), ["403 RequestTimeTooSkewed", "200"]);
    await client.listJobsPage();
    assert.deepEqual(statuses(), ["403 RequestTimeTooSkewed", "200", "200"], "later calls use the corrected clock");
  });

  it("recovers a clock 20 minutes behind, whose signatures have expired, with one resync", async () => {
    // A one-minute key window makes every signature of the late clock end before the service's now.
    const client = fixture.newClient({ clock: () => Date.now() - TWENTY_MINUTES, signKeyWindowSeconds: 60 });
    await client.listJobsPage();
    assert.deepEqual(statuses(), ["403 AccessDenied", "200"]);
    await client.listJobsPage();
    assert.equal(fixture.emulator.requests.entries.length, 3);
  });

  it("re-sends a trigger refused as skewed once, creating one job", async () => {
    const client = fixture.newClient({ clock: () => Date.now() + TWENTY_MINUTES });
    const job = await client.triggerJob(workflowTrigger("skewed"));
    assert.deepEqual(statuses(), ["403 RequestTimeTooSkewed", "200"]);
    assert.deepEqual(
      fixture.emulator.backend.jobs().map((stored) => stored.jobId),
      [job.jobId],
    );
  });
});

describe("CiClient: a service that stays skewed after the resync", () => {
  let stub: StubServer | undefined;
  let client: CiClient | undefined;

  afterEach(async () => {
    await client?.close();
    await stub?.close();
  });

  it("gives up after one resync and reports RequestTimeTooSkewed", async () => {
    stub = await startHttpStub((request, response) => {
      request.resume();
      const body = encodeErrorBody({ code: "RequestTimeTooSkewed", message: "too skewed", requestId: "skew-1" });
      response.writeHead(403, { "content-type": "application/xml", date: new Date().toUTCString() }).end(body);
    });
    client = new CiClient({ ...DEMO_CREDENTIALS, endpoint: stub.url, retryPolicy: FAST_RETRIES });
    await rejectsWithCiError(client.describeJob("b1"), { code: "RequestTimeTooSkewed", statusCode: 403, requestId: "skew-1" });
    assert.equal(stub.received, 2);
  });
});

describe("CiClient: connections", () => {
  let stub: StubServer | undefined;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    stub = await startHttpStub((request, response) => {
      request.resume();
      // The hint keeps undici from closing the idle connection on its own during the test.
      const body = encodeJobsResponse({ jobs: [], nonExistJobIds: ["b1"] });
      response.writeHead(200, { "content-type": "application/xml", "keep-alive": "timeout=600" }).end(body);
    });
  });

  afterEach(async () => {
    const outcomes = [];
    for (const close of closers.splice(0).reverse()) outcomes.push(...(await Promise.allSettled([close()])));
    await stub?.close();
    const failed = outcomes.find((outcome) => outcome.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  });

  function track<T extends { close(): Promise<unknown> }>(closable: T): T {
    closers.push(() => closable.close());
    return closable;
  }

  async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
    try {
      return await Promise.race([promise, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  it("close() ends the connections the client opened", async () => {
    const server = stub ?? assert.fail("no stub");
    const client = track(new CiClient({ ...DEMO_CREDENTIALS, endpoint: server.url }));
    assert.equal(await client.describeJob("b1"), undefined);
    assert.equal(server.openConnections, 1, "the connection is kept alive after the call");
    const closed = server.connectionsClosed();
    await client.close();
    // Left alone, the kept-alive connection would stay open for ten minutes.
    await within(closed, 5_000, "the connection is still open after close()");
    assert.equal(server.openConnections, 0);
  });

  it("serves a call made after close()", async () => {
    const server = stub ?? assert.fail("no stub");
    const client = track(new CiClient({ ...DEMO_CREDENTIALS, endpoint: server.url }));
    await client.describeJob("b1");
    await client.close();
    assert.equal(await client.describeJob("b1"), undefined);
    assert.equal(server.received, 2);
  });

  it("sends every call through an injected dispatcher, and close() leaves it open", async () => {
    const server = stub ?? assert.fail("no stub");
    const agent = track(new RecordingAgent());
    const client = track(new CiClient({ ...DEMO_CREDENTIALS, endpoint: server.url, dispatcher: agent }));
    await client.describeJob("b1");
    await client.listJobsPage({ size: 5 });
    assert.deepEqual(agent.dispatched, ["GET /inventorytriggerjob/b1", "GET /inventorytriggerjob?size=5"]);
    await client.close();
    assert.deepEqual([agent.closed, agent.destroyed], [false, false]);
    const response = await undiciRequest(`${server.url}/inventorytriggerjob/b1`, { dispatcher: agent });
    await response.body.text();
    assert.equal(response.statusCode, 200, "the agent still serves its owner");
  });
});
