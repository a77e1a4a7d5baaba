import { strict as assert } from "node:assert";
import type { OperationName, RequestLogEntry } from "../../../emulator";
import type { CiClient } from "../../../provider/client/ciClient";
import { rejectsWithCiError, useEmulator, workflowTrigger } from "../../support/emulatorFixture";
import { fakeTime } from "../../support/fakeTime";
import { startResetProxy } from "./stubServers";

function summary(entries: readonly RequestLogEntry[]): string[] {
  return entries.map((entry) => `${entry.method} ${entry.status}${entry.reset ? " reset" : ""}`);
}

describe("CiClient: idempotent calls are retried", () => {
  const fixture = useEmulator({ seed: 31 });
  let jobId: string;

  beforeEach(async () => {
    jobId = (await fixture.client.triggerJob(workflowTrigger("target"))).jobId;
    fixture.emulator.requests.clear();
  });

  const calls: [OperationName, string, (client: CiClient) => Promise<unknown>][] = [
    ["DescribeInventoryTriggerJob", "DescribeJob", (client) => client.describeJob(jobId)],
    ["DescribeInventoryTriggerJobs", "ListJobs", (client) => client.listJobsPage()],
    ["CancelInventoryTriggerJob", "CancelJob", (client) => client.cancelJob(jobId)],
  ];

  for (const [name, operation, call] of calls) {
    for (const [status, code] of [
      ["503", "ServiceUnavailable"],
      ["429", "SlowDown"],
    ] as const) {
      it(`sends ${operation} 3 times in all while the service answers ${status}, then reports ${code}`, async () => {
        fixture.emulator.backend.setFaults({ operations: { [name]: { errorRates: { [status]: 1 } } } });
        await rejectsWithCiError(call(fixture.client), {
          code,
          operation,
          statusCode: Number(status),
          retryable: true,
          fault: status === "503" ? "server" : "client",
        });
        assert.deepEqual(
          summary(fixture.emulator.requests.entries),
          Array(3).fill(`${name === "CancelInventoryTriggerJob" ? "PUT" : "GET"} ${status}`),
        );
      });
    }

    it(`succeeds with ${operation} when a 503 clears before the last attempt`, async () => {
      fixture.emulator.backend.setFaults({ errorRates: { "503": 1 } });
      fixture.emulator.requests.onEntry((entry) => entry.status === 503 && fixture.emulator.backend.setFaults(undefined));
      await call(fixture.client);
      assert.deepEqual(
        fixture.emulator.requests.entries.map((entry) => entry.status),
        [503, 200],
      );
    });
  }

  it("honours maxRetries: 0 sends once, 4 sends five times", async () => {
    fixture.emulator.backend.setFaults({ errorRates: { "503": 1 } });
    for (const [maxRetries, attempts] of [
      [0, 1],
      [4, 5],
    ]) {
      fixture.emulator.requests.clear();
      await rejectsWithCiError(fixture.newClient({ maxRetries }).listJobsPage(), { code: "ServiceUnavailable" });
      assert.equal(fixture.emulator.requests.entries.length, attempts, `maxRetries ${maxRetries}`);
    }
  });

  it("retries an InternalError (500)", async () => {
    fixture.emulator.backend.setFaults({ errorRates: { "500": 1 } });
    await rejectsWithCiError(fixture.client.describeJob(jobId), {
      code: "InternalError",
      statusCode: 500,
      retryable: true,
      fault: "server",
    });
    assert.equal(fixture.emulator.requests.entries.length, 3);
  });

  it("does not retry a 400: a bad nextToken is sent once", async () => {
    await rejectsWithCiError(fixture.client.listJobsPage({ nextToken: "not-a-token" }), {
      code: "InvalidArgument",
      statusCode: 400,
      retryable: false,
    });
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["GET 400"]);
  });

  it("waits the Retry-After the service sends before the next attempt", async () => {
    fixture.emulator.backend.setFaults({ errorRates: { "429": 1 }, retryAfterSeconds: 1 });
    // Without the header the wait would be 0: random() is 0.
    const time = fakeTime();
    const client = fixture.newClient({
      maxRetries: 1,
      retryPolicy: { baseDelayMs: 5, maxDelayMs: 5000, random: () => 0 },
      sleep: time.sleep,
    });
    await rejectsWithCiError(client.describeJob(jobId), { code: "SlowDown" });
    assert.deepEqual(time.waits, [1000]);
    assert.equal(fixture.emulator.requests.entries.length, 2);
  });

  it("caps a Retry-After at maxDelayMs", async () => {
    fixture.emulator.backend.setFaults({ errorRates: { "503": 1 }, retryAfterSeconds: 3600 });
    const time = fakeTime();
    const client = fixture.newClient({ maxRetries: 1, retryPolicy: { baseDelayMs: 5, maxDelayMs: 40 }, sleep: time.sleep });
    await rejectsWithCiError(client.listJobsPage(), { code: "ServiceUnavailable" });
    assert.deepEqual(time.waits, [40]);
  });
});

describe("CiClient: idempotent calls are retried after a connection reset", () => {
  const fixture = useEmulator({ seed: 32 });

  async function clientBehindResets(resets: number) {
    const proxy = await startResetProxy(fixture.emulator.port, resets);
    fixture.onTeardown(() => proxy.close());
    return { proxy, client: fixture.newClient({ endpoint: proxy.url }) };
  }

  it("retries a describe whose connection was reset twice, and succeeds on the third attempt", async () => {
    const job = await fixture.client.triggerJob(workflowTrigger("reset-describe"));
    fixture.emulator.requests.clear();
    const { proxy, client } = await clientBehindResets(2);
    assert.equal((await client.describeJob(job.jobId))?.jobId, job.jobId);
    assert.equal(proxy.received, 3);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["GET 200"]);
  });

  it("retries a cancel whose connection was reset", async () => {
    const job = await fixture.client.triggerJob(workflowTrigger("reset-cancel"));
    fixture.emulator.requests.clear();
    const { proxy, client } = await clientBehindResets(1);
    await client.cancelJob(job.jobId);
    assert.equal(proxy.received, 2);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["PUT 200"]);
    assert.equal(fixture.emulator.backend.job(job.jobId)?.state, "Cancel");
  });

  it("reports a retryable ConnectionError when every attempt is reset", async () => {
    const { proxy, client } = await clientBehindResets(3);
    const error = await rejectsWithCiError(client.listJobsPage(), { code: "ConnectionError", operation: "ListJobs", retryable: true });
    assert.match(error.message, /ECONNRESET/);
    assert.equal(proxy.received, 3);
    assert.deepEqual(fixture.emulator.requests.entries, []);
  });
});

describe("CiClient: a trigger is never re-sent blindly", () => {
  const fixture = useEmulator({ seed: 33 });

  function jobsNamed(name: string) {
    return fixture.emulator.backend.jobs().filter((job) => job.name === name);
  }

  it("reports a trigger whose connection was lost after sending as maybe sent, without sending it again or looking it up", async () => {
    fixture.emulator.backend.setFaults({ resetAfterCommitRate: 1 });
    const error = await rejectsWithCiError(fixture.client.triggerJob(workflowTrigger("lost-answer")), {
      operation: "TriggerJob",
      retryable: true,
    });
    assert.equal(error.maybeSent, true);
    assert.match(error.message, /may have been sent/);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["POST 0 reset"]);
    assert.equal(jobsNamed("lost-answer").length, 1, "the service did create the job the caller must look up");
  });

  it("reports a trigger answered 503 as a retryable ServiceUnavailable that may have been sent, sent once", async () => {
    fixture.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } });
    const error = await rejectsWithCiError(fixture.client.triggerJob(workflowTrigger("never")), {
      code: "ServiceUnavailable",
      operation: "TriggerJob",
      statusCode: 503,
      retryable: true,
    });
    assert.equal(error.maybeSent, true);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["POST 503"]);
    assert.deepEqual(fixture.emulator.backend.jobs(), []);
  });

  it("re-sends a throttled (429) trigger without a look-up, after the Retry-After the service asked for", async () => {
    fixture.emulator.backend.setFaults({ operations: { CreateInventoryTriggerJob: { errorRates: { "429": 1 } } }, retryAfterSeconds: 1 });
    fixture.emulator.requests.onEntry((entry) => entry.status === 429 && fixture.emulator.backend.setFaults(undefined));
    const time = fakeTime();
    const client = fixture.newClient({ retryPolicy: { baseDelayMs: 5, maxDelayMs: 5000, random: () => 0 }, sleep: time.sleep });
    const job = await client.triggerJob(workflowTrigger("throttled"));
    assert.deepEqual(time.waits, [1000]);
    assert.deepEqual(summary(fixture.emulator.requests.entries), ["POST 429", "POST 200"]);
    assert.deepEqual(
      jobsNamed("throttled").map((stored) => stored.jobId),
      [job.jobId],
    );
  });
});
