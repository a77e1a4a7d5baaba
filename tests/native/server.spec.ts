import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID } from "../../emulator";
import { JobProvider } from "../../provider/native/jobProvider";
import { packageVersion } from "../../provider/native/main";
import { secretOf } from "../../provider/native/propertyValues";
import { schemaText } from "../../provider/native/schema";
import { serveProvider, type RunningServer } from "../../provider/native/server";
import { createJobHandlers } from "../../provider/native/lifecycle";
import { useEmulator } from "../support/emulatorFixture";
import { jobUrn, plain, ProviderClient } from "./providerClient";

describe("the tencent-ci plugin's gRPC service", () => {
  const fixture = useEmulator();
  let server: RunningServer;
  let client: ProviderClient;
  const logged: string[] = [];

  beforeEach(async () => {
    logged.length = 0;
    const handlers = createJobHandlers({ env: {}, log: (line) => logged.push(line), sleep: () => Promise.resolve() });
    const version = packageVersion();
    server = await serveProvider(new JobProvider({ handlers, env: {} }), { version, schema: () => schemaText(version) });
    client = new ProviderClient(server.port);
    await client.configure({
      secretId: secretOf(DEMO_CREDENTIALS.secretId),
      secretKey: secretOf(DEMO_CREDENTIALS.secretKey),
      endpoint: fixture.emulator.url,
      visibilityWindowSeconds: "0",
    });
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  const declared = (prefix: unknown = "videos/") => ({ input: { prefix }, operation: { workflowIds: [DEMO_WORKFLOW_ID] } });

  it("answers GetSchema with the schema built from the model and GetPluginInfo with the package version", async () => {
    assert.deepEqual(await client.schema(), JSON.parse(schemaText(packageVersion())));
    assert.equal(await client.version(), packageVersion());
  });

  it("uses the credentials Configure sends as secrets: a job is triggered with them", async () => {
    const urn = jobUrn("nightly");
    const checked = await client.check(urn, {}, declared());
    assert.deepEqual(checked.getFailuresList(), []);
    const created = await client.create(urn, plain(checked.getInputs()));
    assert.equal(fixture.emulator.requests.writes().length, 1);
    assert.equal(created.outs.jobId, created.id);
    assert.equal(created.outs.state, "Submitted");
  });

  it("auto-names a job without a name from the resource name in the URN, as the TypeScript SDK does", async () => {
    const inputs = plain((await client.check(jobUrn("nightly"), {}, declared())).getInputs());
    assert.match(String(inputs.name), /^nightly-[a-z0-9]{7}$/);
    assert.deepEqual(inputs.autoName, { prefix: "nightly", scope: "proj/test" });
  });

  it("keeps a secret input secret in the checked inputs and the outputs, and never hands back __secretPaths", async () => {
    const urn = jobUrn("secretive");
    const inputs = plain((await client.check(urn, {}, declared(secretOf("private/")))).getInputs());
    assert.deepEqual((inputs.input as Record<string, unknown>).prefix, secretOf("private/"));
    assert.equal("__secretPaths" in inputs, false);
    const { outs } = await client.create(urn, inputs);
    assert.deepEqual((outs.input as Record<string, unknown>).prefix, secretOf("private/"));
    assert.equal("__secretPaths" in outs, false);
    assert.equal(JSON.stringify(outs).split("private/").length, 2, "the value appears once, inside its secret wrapper");
  });

  it("tells the handlers which inputs are secret, so a failure about one does not print its value", async () => {
    const response = await client.check(jobUrn("bad"), {}, { ...declared(), name: secretOf("no spaces allowed") });
    const reasons = response.getFailuresList().map((failure) => failure.getReason());
    assert.ok(reasons.length > 0);
    assert.ok(
      reasons.every((reason) => !reason.includes("no spaces allowed")),
      reasons.join("\n"),
    );
  });

  it("answers a diff of a moved input with a detailed diff naming it as a replacement, and nothing internal", async () => {
    const urn = jobUrn("nightly");
    const first = plain((await client.check(urn, {}, declared())).getInputs());
    const { id, outs } = await client.create(urn, first);
    const second = plain((await client.check(urn, first, declared("audio/"))).getInputs());
    const diff = await client.diff(urn, id, outs, second);
    assert.equal(diff.getHasdetaileddiff(), true);
    const detailed: Record<string, number> = {};
    diff.getDetaileddiffMap().forEach((change, path) => (detailed[path] = change.getKind()));
    assert.ok(diff.getReplacesList().includes("input.prefix"));
    assert.equal(detailed["input.prefix"], 5, "UPDATE_REPLACE");
    assert.ok(
      Object.keys(detailed).every((path) => !path.startsWith("__")),
      Object.keys(detailed).join(", "),
    );
  });

  it("answers a diff of an unchanged job with no change", async () => {
    const urn = jobUrn("nightly");
    const inputs = plain((await client.check(urn, {}, declared())).getInputs());
    const { id, outs } = await client.create(urn, inputs);
    const again = plain((await client.check(urn, inputs, declared())).getInputs());
    const diff = await client.diff(urn, id, outs, again);
    assert.equal(diff.getChanges(), 1, "DIFF_NONE");
    assert.equal(diff.getDetaileddiffMap().getLength(), 0);
  });

  it("reads a job by id alone, as `pulumi import` does, returning its definition as inputs", async () => {
    const urn = jobUrn("nightly");
    const { id } = await client.create(urn, plain((await client.check(urn, {}, { ...declared(), name: "adopt-me" })).getInputs()));
    const read = await client.read(jobUrn("imported"), id);
    assert.equal(read.getId(), id);
    const inputs = plain(read.getInputs());
    assert.equal(inputs.name, "adopt-me");
    assert.deepEqual(inputs.input, { prefix: "videos/" });
    assert.deepEqual(inputs.operation, { workflowIds: [DEMO_WORKFLOW_ID] });
  });

  it("answers the read of an unknown id with no resource, so that an import of it fails cleanly", async () => {
    const read = await client.read(jobUrn("imported"), "jdoesnotexist00000000000000000000");
    assert.equal(read.getId(), "");
  });

  it("cancels a running job on delete", async () => {
    const urn = jobUrn("nightly");
    const { id, outs } = await client.create(urn, plain((await client.check(urn, {}, declared())).getInputs()));
    await client.delete(urn, id, outs);
    assert.deepEqual(
      fixture.emulator.requests.writes().map((entry) => entry.method),
      ["POST", "PUT"],
    );
  });

  it("lists jobs through listInventoryTriggerJobs with the configured credentials", async () => {
    const urn = jobUrn("nightly");
    const { id } = await client.create(urn, plain((await client.check(urn, {}, declared())).getInputs()));
    const result = await client.invoke("tencent-ci:index:listInventoryTriggerJobs", { type: "Workflow" });
    const jobs = result.jobs as { jobId: string }[];
    assert.deepEqual(
      jobs.map((job) => job.jobId),
      [id],
    );
  });

  it("refuses a resource type it does not serve", async () => {
    await assert.rejects(client.check("urn:pulumi:test::proj::tencent-ci:index:Other::x", {}, {}), /no resource type/);
  });
});
