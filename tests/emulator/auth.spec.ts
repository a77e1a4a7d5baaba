import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { keyTimeAround, ManualClock, send, workflowTrigger } from "./support/ciHttp";

describe("emulator: request signatures over HTTP", () => {
  let emulator: RunningEmulator;
  const clock = new ManualClock();
  const temporary = { secretId: "AKIDTEMPORARY", secretKey: "temporary-key", securityToken: "session/token+1=" };

  beforeEach(async () => {
    emulator = await startEmulator({ clock: clock.read, credentials: [DEMO_CREDENTIALS, temporary] });
  });

  afterEach(async () => {
    await emulator.close();
  });

  function post(options: Partial<Parameters<typeof send>[1]>) {
    return send(emulator, { method: "POST", path: "/inventorytriggerjob", body: workflowTrigger("auth", DEMO_WORKFLOW_ID), ...options });
  }

  it("accepts a request signed by the official signer with the demo credentials", async () => {
    assert.equal((await post({})).status, 200);
  });

  it("refuses an unsigned request with 403 AccessDenied and creates nothing", async () => {
    const reply = await post({ credentials: null });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "AccessDenied");
    assert.deepEqual(emulator.backend.jobs(), []);
  });

  it("refuses an unknown SecretId with 403 InvalidAccessKeyId", async () => {
    const reply = await post({ credentials: { secretId: "AKIDUNKNOWN", secretKey: DEMO_CREDENTIALS.secretKey } });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "InvalidAccessKeyId");
  });

  it("refuses a wrong secret key with 403 SignatureDoesNotMatch and creates nothing", async () => {
    const reply = await post({ credentials: { secretId: DEMO_CREDENTIALS.secretId, secretKey: "not-the-key" } });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "SignatureDoesNotMatch");
    assert.deepEqual(emulator.backend.jobs(), []);
  });

  it("refuses an expired signature with AccessDenied 'Request has expired' and a Date to resync from", async () => {
    const reply = await post({ keyTime: keyTimeAround(clock.nowMs - 3_600_000) });
    assert.equal(reply.status, 403);
    assert.deepEqual([reply.xml.Error.Code, reply.xml.Error.Message], ["AccessDenied", "Request has expired"]);
    assert.equal(reply.headers.date, new Date(clock.nowMs).toUTCString());
  });

  it("refuses a signature from a clock an hour ahead with RequestTimeTooSkewed and the server's Date", async () => {
    const reply = await post({ keyTime: keyTimeAround(clock.nowMs + 3_600_000) });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "RequestTimeTooSkewed");
    assert.equal(Date.parse(reply.headers.date as string), Math.floor(clock.nowMs / 1000) * 1000);
  });

  it("refuses a Date header 20 minutes off with RequestTimeTooSkewed even when the signature is valid", async () => {
    const reply = await post({ headers: { date: new Date(clock.nowMs - 20 * 60_000).toUTCString() } });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "RequestTimeTooSkewed");
  });

  it("follows the emulator's own clock: a signature valid now expires once its time is advanced", async () => {
    const keyTime = keyTimeAround(clock.nowMs, 1, 60);
    assert.equal((await post({ keyTime })).status, 200);
    emulator.backend.advanceTime(120_000);
    assert.equal((await post({ keyTime })).xml.Error.Message, "Request has expired");
  });

  it("refuses a signature that leaves host out with 403 AccessDenied", async () => {
    const reply = await post({ unsignedHost: true });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "AccessDenied");
    assert.match(reply.xml.Error.Message, /host/);
  });

  it("refuses a query parameter left out of the signature with 403 AccessDenied", async () => {
    const reply = await send(emulator, {
      method: "GET",
      path: "/inventorytriggerjob",
      query: { size: "5", states: "All" },
      unsignedQuery: ["states"],
    });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "AccessDenied");
    assert.match(reply.xml.Error.Message, /states/);
  });

  it("refuses a temporary key without its x-ci-security-token with InvalidAccessKeyId", async () => {
    const reply = await post({ credentials: { secretId: temporary.secretId, secretKey: temporary.secretKey } });
    assert.equal(reply.status, 403);
    assert.equal(reply.xml.Error.Code, "InvalidAccessKeyId");
  });

  it("accepts a temporary key with its signed x-ci-security-token", async () => {
    assert.equal((await post({ credentials: temporary })).status, 200);
  });

  it("logs refused requests with their status and code, and no refused write reaches the backend", async () => {
    await post({ credentials: null });
    await post({ credentials: { secretId: DEMO_CREDENTIALS.secretId, secretKey: "bad" } });
    const writes = emulator.requests.writes();
    assert.deepEqual(
      writes.map((entry) => [entry.method, entry.path, entry.status, entry.errorCode, entry.operation]),
      [
        ["POST", "/inventorytriggerjob", 403, "AccessDenied", "CreateInventoryTriggerJob"],
        ["POST", "/inventorytriggerjob", 403, "SignatureDoesNotMatch", "CreateInventoryTriggerJob"],
      ],
    );
    assert.deepEqual(emulator.backend.jobs(), []);
  });
});
