import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { CiClient, type CiClientOptions } from "../../../provider/client/ciClient";
import type { RetryEvent } from "../../../provider/client/retryPolicy";
import { rejectsWithCiError, secret, workflowTrigger } from "../../support/emulatorFixture";
import { startHttpStub, type StubServer } from "./stubServers";
import { closedPort, startBlackHole } from "../../support/deadEndpoints";
import { fakeTime } from "../../support/fakeTime";

const FAST = { baseDelayMs: 5, maxDelayMs: 50 };

describe("CiClient: bounded, visible waiting", function () {
  this.timeout(20_000);
  const TOKEN = secret("sts-token-for-bounded-waiting-9c1");
  const clients: CiClient[] = [];
  const closers: (() => Promise<void>)[] = [];

  function client(options: Partial<CiClientOptions>): CiClient {
    const created = new CiClient({ ...DEMO_CREDENTIALS, securityToken: TOKEN, ...options });
    clients.push(created);
    return created;
  }

  afterEach(async () => {
    for (const created of clients.splice(0)) await created.close();
    for (const close of closers.splice(0)) await close();
  });

  it("gives up on an endpoint that accepts and never answers at the call's deadline, not after every retry, naming the call and host:port", async () => {
    const hole = await startBlackHole();
    closers.push(hole.close);
    const events: RetryEvent[] = [];
    // Only the backoff moves the clock: each attempt times out, the wait before the second leaves
    // 1 ms of the 3 s deadline, so no third attempt starts.
    const time = fakeTime();
    const retryPolicy = { baseDelayMs: 3_000, maxDelayMs: 3_000, callDeadlineMs: 3_000, random: () => 0.9999 };
    const blackHole = client({
      endpoint: hole.url,
      timeoutMs: 100,
      maxRetries: 20,
      retryPolicy,
      now: time.now,
      sleep: time.sleep,
      onRetry: (event) => events.push(event),
    });
    const host = hole.url.replace("http://", "");

    const error = await rejectsWithCiError(blackHole.listJobsPage(), { code: "RequestTimeout", operation: "ListJobs", fault: "server" });

    assert.ok(error.message.includes(host), `the error names ${host}: ${error.message}`);
    assert.match(error.message, /gave up after 2 attempts in 3 s$/);
    assert.ok(hole.connections() < 21, `the deadline stopped the retries before all 21 attempts (${hole.connections()})`);
    assert.deepEqual(time.waits, [2999]);
    assert.equal(events.length, 1, "the retry was reported");
  });

  it("reports a refused connection of each call naming the call and host:port, retrying only within the unreachable deadline", async () => {
    const port = await closedPort();
    for (const [operation, call] of [
      ["ListJobs", (refused: CiClient) => refused.listJobsPage()],
      ["DescribeJob", (refused: CiClient) => refused.describeJob("b1")],
      ["CancelJob", (refused: CiClient) => refused.cancelJob("b1")],
      ["TriggerJob", (refused: CiClient) => refused.triggerJob(workflowTrigger("refused"))],
    ] as const) {
      const time = fakeTime();
      const refused = client({
        endpoint: `http://127.0.0.1:${port}`,
        maxRetries: 1000,
        retryPolicy: { ...FAST, unreachableDeadlineMs: 300 },
        now: time.now,
        sleep: time.sleep,
      });
      const error = await rejectsWithCiError(call(refused), { code: "ConnectionError", operation });
      assert.match(error.message, new RegExp(`^${operation} failed: .*127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)`));
      assert.ok(time.waits.length > 0, `${operation} was retried`);
      assert.ok(time.now() < 300, `${operation} waited ${time.now()} ms in all, past the unreachable deadline`);
    }
  });

  it("reports a host that does not resolve naming it with its port", async () => {
    const unknown = client({
      endpoint: "https://nonexistent.invalid",
      maxRetries: 1000,
      retryPolicy: { ...FAST, unreachableDeadlineMs: 300 },
    });
    const error = await rejectsWithCiError(unknown.listJobsPage(), { code: "ConnectionError", operation: "ListJobs" });
    assert.ok(error.message.includes("nonexistent.invalid:443"), error.message);
    assert.equal(error.endpoint, "nonexistent.invalid:443");
  });

  it("tells the listener of each retry after a 503 or 429: the call, the endpoint, attempt n of m and the wait", async () => {
    let answered = 0;
    const stub: StubServer = await startHttpStub((request, response) => {
      request.resume();
      answered += 1;
      if (answered === 1)
        response
          .writeHead(503, { "content-type": "application/xml" })
          .end("<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>");
      else if (answered === 2)
        response
          .writeHead(429, { "content-type": "application/xml", "retry-after": "0" })
          .end("<Error><Code>SlowDown</Code><Message>slow</Message></Error>");
      else response.writeHead(200, { "content-type": "application/xml" }).end("<Response><RequestId>r1</RequestId></Response>");
    });
    closers.push(stub.close);
    const events: RetryEvent[] = [];
    const flaky = client({ endpoint: stub.url, maxRetries: 4, retryPolicy: FAST, onRetry: (event) => events.push(event) });

    await flaky.listJobsPage();

    const host = stub.url.replace("http://", "");
    assert.deepEqual(
      events.map(({ operation, endpoint, attempt, maxAttempts, reason }) => ({ operation, endpoint, attempt, maxAttempts, reason })),
      [
        { operation: "ListJobs", endpoint: host, attempt: 2, maxAttempts: 5, reason: "HTTP 503" },
        { operation: "ListJobs", endpoint: host, attempt: 3, maxAttempts: 5, reason: "HTTP 429" },
      ],
    );
    assert.ok(events.every((event) => Number.isInteger(event.delayMs) && event.delayMs >= 0));
  });

  it("waits until the HTTP date of a Retry-After, measured on the client's clock, for an idempotent call and a trigger alike", async () => {
    const clockMs = Date.parse("2026-01-01T00:00:00Z");
    let answered = 0;
    const stub: StubServer = await startHttpStub((request, response) => {
      request.resume();
      answered += 1;
      if (answered % 2 === 1) {
        response
          .writeHead(429, { "content-type": "application/xml", "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" })
          .end("<Error><Code>SlowDown</Code><Message>slow</Message></Error>");
      } else if (request.method === "GET") {
        response.writeHead(200, { "content-type": "application/xml" }).end("<Response><RequestId>r1</RequestId></Response>");
      } else {
        response
          .writeHead(200, { "content-type": "application/xml" })
          .end(
            "<Response><RequestId>r2</RequestId><JobsDetail><JobId>b1</JobId><Name>dated</Name><State>Submitted</State></JobsDetail></Response>",
          );
      }
    });
    closers.push(stub.close);
    const time = fakeTime();
    const throttled = client({
      endpoint: stub.url,
      retryPolicy: { ...FAST, maxDelayMs: 20_000 },
      clock: () => clockMs,
      now: time.now,
      sleep: time.sleep,
    });

    await throttled.listJobsPage();
    await throttled.triggerJob(workflowTrigger("dated"));

    assert.deepEqual(time.waits, [7_000, 7_000]);
  });

  it("tells the listener of each retry of a trigger throttled with 429, which the service did not take", async () => {
    let answered = 0;
    const stub: StubServer = await startHttpStub((request, response) => {
      request.resume();
      answered += 1;
      if (request.method === "POST" && answered === 1) {
        response.writeHead(429, { "content-type": "application/xml" }).end("<Error><Code>SlowDown</Code><Message>busy</Message></Error>");
      } else if (request.method === "GET") {
        response.writeHead(200, { "content-type": "application/xml" }).end("<Response><RequestId>r1</RequestId></Response>");
      } else {
        response
          .writeHead(200, { "content-type": "application/xml" })
          .end(
            "<Response><RequestId>r2</RequestId><JobsDetail><JobId>b1</JobId><Name>retried</Name><State>Submitted</State></JobsDetail></Response>",
          );
      }
    });
    closers.push(stub.close);
    const events: RetryEvent[] = [];
    const flaky = client({ endpoint: stub.url, maxRetries: 2, retryPolicy: FAST, onRetry: (event) => events.push(event) });

    await flaky.triggerJob(workflowTrigger("retried"));

    assert.deepEqual(
      events.map(({ operation, attempt, maxAttempts }) => ({ operation, attempt, maxAttempts })),
      [{ operation: "TriggerJob", attempt: 2, maxAttempts: 3 }],
    );
    assert.match(events[0].reason, /HTTP 429/);
  });
});

describe("CiClient: credentials stay out of the object", () => {
  const KEY = DEMO_CREDENTIALS.secretKey;
  const TOKEN = secret("sts-token-kept-private-7d0");

  function renderings(value: unknown): Record<string, string> {
    return {
      inspect: inspect(value),
      "deep inspect": inspect(value, { depth: Infinity, showHidden: true, getters: true }),
      json: JSON.stringify(value),
      string: String(value),
    };
  }

  it("shows neither the secret key nor the token through inspect, JSON.stringify or String, before and after a request", async () => {
    const stub = await startHttpStub((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/xml" }).end("<Response><RequestId>r1</RequestId></Response>");
    });
    const holder = new CiClient({ ...DEMO_CREDENTIALS, securityToken: TOKEN, endpoint: stub.url });
    try {
      const check = () => {
        for (const [how, text] of Object.entries(renderings(holder))) {
          assert.ok(!text.includes(KEY), `${how} of the client shows the secret key`);
          assert.ok(!text.includes(TOKEN), `${how} of the client shows the token`);
        }
      };
      check();
      await holder.listJobsPage();
      check();
      assert.ok(String(holder).includes(new URL(stub.url).origin), "String() still says where the client points");
    } finally {
      await holder.close();
      await stub.close();
    }
  });
});
