import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS } from "../../../emulator";
import type { CiClient } from "../../../provider/client/ciClient";
import { rejectsWithCiError, secret, useEmulator, workflowTrigger } from "../../support/emulatorFixture";

/** A temporary (STS) key pair the emulator accepts only with its token. */
const TEMPORARY = {
  secretId: "AKIDTEMPORARYCREDENTIAL000000000000",
  secretKey: secret("temporary-secret-key-5c1e"),
  securityToken: secret("sts-session-token/7Hq+Zr=="),
};

describe("CiClient: service errors keep the service's code, status and request id", () => {
  const fixture = useEmulator({ seed: 21, credentials: [DEMO_CREDENTIALS, TEMPORARY] });

  /** The four calls, each against a job that exists. */
  async function everyCall(client: CiClient): Promise<[string, () => Promise<unknown>][]> {
    const job = await fixture.client.triggerJob(workflowTrigger("existing"));
    fixture.emulator.requests.clear();
    return [
      ["TriggerJob", () => client.triggerJob(workflowTrigger("refused"))],
      ["DescribeJob", () => client.describeJob(job.jobId)],
      ["ListJobs", () => client.listJobsPage()],
      ["CancelJob", () => client.cancelJob(job.jobId)],
    ];
  }

  it("reports a trigger the service refuses as InvalidArgument with HTTP 400, the service's message and request id, sent once", async () => {
    const request = { name: "no-workflow", type: "Workflow" as const, input: { prefix: "" }, operation: {} };
    const error = await rejectsWithCiError(fixture.client.triggerJob(request), {
      code: "InvalidArgument",
      operation: "TriggerJob",
      statusCode: 400,
      fault: "client",
      retryable: false,
    });
    const [entry, ...others] = fixture.emulator.requests.entries;
    assert.deepEqual(others, []);
    assert.equal(error.requestId, entry.requestId);
    assert.ok(error.traceId, "the trace id of the error body is kept");
    assert.equal(
      error.message,
      `TriggerJob failed: InvalidArgument: Request/Operation/WorkflowIds is required when Type is Workflow. (HTTP 400, request id ${entry.requestId})`,
    );
    assert.deepEqual(fixture.emulator.backend.jobs(), []);
  });

  it("reports a wrong secret key as SignatureDoesNotMatch (HTTP 403) on every call, each sent once and nothing changed", async () => {
    const client = fixture.newClient({ secretKey: secret("wrong-secret-key-0b7d") });
    for (const [operation, call] of await everyCall(client)) {
      const before = fixture.emulator.requests.entries.length;
      const error = await rejectsWithCiError(call(), {
        code: "SignatureDoesNotMatch",
        operation,
        statusCode: 403,
        fault: "client",
        retryable: false,
      });
      assert.equal(fixture.emulator.requests.entries.length, before + 1, `${operation} is sent once`);
      assert.equal(error.requestId, fixture.emulator.requests.entries.at(-1)?.requestId);
      assert.match(error.message, new RegExp(`^${operation} failed: SignatureDoesNotMatch: `));
    }
    assert.deepEqual(
      fixture.emulator.backend.jobs().map((job) => [job.name, job.state]),
      [["existing", "Submitted"]],
    );
  });

  it("reports an unknown SecretId as InvalidAccessKeyId (HTTP 403)", async () => {
    const client = fixture.newClient({ secretId: "AKIDUNKNOWNKEY000000000000000000000" });
    for (const [operation, call] of await everyCall(client)) {
      await rejectsWithCiError(call(), { code: "InvalidAccessKeyId", operation, statusCode: 403, retryable: false });
    }
  });

  it("sends a temporary credential's token in x-ci-security-token, which the service checks", async () => {
    const client = fixture.newClient(TEMPORARY);
    const job = await client.triggerJob(workflowTrigger("with-token"));
    assert.equal((await client.describeJob(job.jobId))?.name, "with-token");
    assert.deepEqual(
      fixture.emulator.requests.entries.map((entry) => entry.status),
      [200, 200],
    );
  });

  it("reports a temporary credential without its token, or with another, as InvalidAccessKeyId", async () => {
    const withoutToken = { secretId: TEMPORARY.secretId, secretKey: TEMPORARY.secretKey };
    for (const client of [
      fixture.newClient(withoutToken),
      fixture.newClient({ ...TEMPORARY, securityToken: secret("sts-other-token-91aa") }),
    ]) {
      await rejectsWithCiError(client.listJobsPage(), { code: "InvalidAccessKeyId", operation: "ListJobs", statusCode: 403 });
    }
    assert.equal(fixture.emulator.requests.entries.length, 2);
  });

  it("reports cancelling a finished job as the service's InvalidArgument, sent once", async () => {
    const job = await fixture.client.triggerJob(workflowTrigger("finished"));
    fixture.emulator.backend.setJobState(job.jobId, "Success");
    fixture.emulator.requests.clear();
    const error = await rejectsWithCiError(fixture.client.cancelJob(job.jobId), {
      code: "InvalidArgument",
      operation: "CancelJob",
      statusCode: 400,
      retryable: false,
    });
    assert.match(error.message, /has already finished \(State Success\)/);
    assert.equal(fixture.emulator.requests.entries.length, 1);
    assert.equal(fixture.emulator.backend.job(job.jobId)?.state, "Success");
  });
});
