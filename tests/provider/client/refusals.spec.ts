import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { CiClient, type CiClientOptions } from "../../../provider/client/ciClient";
import { rejectsWithCiError, secret, throwsCiError, useEmulator, workflowTrigger } from "../../support/emulatorFixture";

const REGIONAL = { ...DEMO_CREDENTIALS, region: "ap-guangzhou", bucket: "media-1250000000" };

function construct(options: CiClientOptions): CiClient {
  return new CiClient(options);
}

describe("CiClient: configuration refused when the client is built", () => {
  const invalidConfiguration = { code: "InvalidConfiguration", operation: "Configure", fault: "client", retryable: false } as const;

  for (const missing of ["secretId", "secretKey"] as const) {
    it(`refuses a missing ${missing}, naming it`, () => {
      const error = throwsCiError(() => construct({ ...REGIONAL, [missing]: "" }), invalidConfiguration);
      assert.match(error.message, new RegExp(`${missing} missing`));
    });
  }

  for (const endpoint of ["http://ci.example.com", "http://10.0.0.7:8080", "http://[fe80::1]/"]) {
    it(`refuses plain http to the non-loopback host of ${endpoint}`, () => {
      const error = throwsCiError(() => construct({ ...DEMO_CREDENTIALS, endpoint }), invalidConfiguration);
      assert.match(error.message, /plain http/);
    });
  }

  it("accepts plain http to loopback hosts only", () => {
    for (const endpoint of ["http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000", "https://ci.example.com"]) {
      assert.doesNotThrow(() => construct({ ...DEMO_CREDENTIALS, endpoint }), endpoint);
    }
  });

  it("refuses an endpoint that carries credentials without repeating them", () => {
    const password = secret("endpoint-password-3f9a");
    const error = throwsCiError(
      () => construct({ ...DEMO_CREDENTIALS, endpoint: `https://user:${password}@ci.example.com` }),
      invalidConfiguration,
    );
    assert.match(error.message, /must not carry credentials/);
  });

  it("refuses an endpoint that is not an http(s) URL", () => {
    throwsCiError(() => construct({ ...DEMO_CREDENTIALS, endpoint: "ftp://ci.example.com" }), invalidConfiguration);
    throwsCiError(() => construct({ ...DEMO_CREDENTIALS, endpoint: "not a url" }), invalidConfiguration);
  });

  for (const [field, value] of [
    ["region", "Guangzhou"],
    ["region", undefined],
    ["bucket", "media"],
    ["bucket", "Media-1250000000"],
    ["bucket", undefined],
  ] as const) {
    it(`refuses ${field} ${JSON.stringify(value ?? "absent")} when no endpoint is given`, () => {
      const error = throwsCiError(() => construct({ ...REGIONAL, [field]: value }), invalidConfiguration);
      assert.match(error.message, new RegExp(`${field} must`));
    });
  }

  it("refuses a secretId the Authorization header cannot carry", () => {
    const error = throwsCiError(() => construct({ ...REGIONAL, secretId: "AKID&q-ak=other" }), invalidConfiguration);
    assert.match(error.message, /secretId/);
  });

  it("refuses a negative or fractional retry count and a timeout or body cap that is not a positive whole number", () => {
    for (const bad of [{ maxRetries: -1 }, { maxRetries: 1.5 }, { timeoutMs: 0 }, { maxResponseBytes: -5 }]) {
      const error = throwsCiError(() => construct({ ...REGIONAL, ...bad }), invalidConfiguration);
      assert.match(error.message, new RegExp(Object.keys(bad)[0]));
    }
  });

  it("refuses a sign key window that is not a positive whole number of seconds", () => {
    for (const signKeyWindowSeconds of [0, -60, 1.5]) {
      throwsCiError(() => construct({ ...REGIONAL, signKeyWindowSeconds }), invalidConfiguration);
    }
  });
});

describe("CiClient: arguments refused before anything is sent", () => {
  const fixture = useEmulator();
  const invalidArgument = { code: "ClientInvalidArgument", fault: "client", retryable: false } as const;
  const badJobIds = ["", "../b1", "b1/../../x", "b1?cancel", "b 1", "é", "b".repeat(129)];

  function assertNothingSent(): void {
    assert.deepEqual(fixture.emulator.requests.entries, []);
  }

  it("refuses a jobId outside [A-Za-z0-9_-]{1,128} for describe", async () => {
    for (const jobId of badJobIds) {
      await rejectsWithCiError(fixture.client.describeJob(jobId), { ...invalidArgument, operation: "DescribeJob" });
    }
    assertNothingSent();
  });

  it("refuses a jobId outside [A-Za-z0-9_-]{1,128} for cancel", async () => {
    for (const jobId of badJobIds) {
      await rejectsWithCiError(fixture.client.cancelJob(jobId), { ...invalidArgument, operation: "CancelJob" });
    }
    assertNothingSent();
  });

  it("refuses a trigger without a name, which duplicate detection relies on", async () => {
    const unnamed = { ...workflowTrigger("x"), name: "" };
    const error = await rejectsWithCiError(fixture.client.triggerJob(unnamed), { ...invalidArgument, operation: "TriggerJob" });
    assert.match(error.message, /request\.name is required/);
    assertNothingSent();
  });

  it("refuses a page size outside 1..100 or not whole", async () => {
    for (const size of [0, 101, 2.5, Number.NaN]) {
      await rejectsWithCiError(fixture.client.listJobsPage({ size }), { ...invalidArgument, operation: "ListJobs" });
    }
    assertNothingSent();
  });
});
