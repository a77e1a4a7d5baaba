import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CiClient } from "../../provider/client/ciClient";
import { ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";
import { assertSucceeded, ENGINE_CREDENTIALS } from "./support/jobStack";

const JOB_TYPE = "tencent-ci:index:InventoryTriggerJob";

/**
 * examples/yaml under the real CLI and the YAML language host, with the `tencent-ci` plugin from
 * this checkout's plugin/ folder, against an emulator of its own. The steps follow one stack through
 * its life, each test starting where the one before left it, as a user's stack would.
 */
describe("a Pulumi YAML program with the tencent-ci plugin", function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let client: CiClient;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...ENGINE_CREDENTIALS }] });
    client = new CiClient({ ...ENGINE_CREDENTIALS, endpoint: emulator.url });
    project = await PulumiProject.create(path.join(repoRoot, "examples", "yaml"));
    // The copy lives elsewhere than the example, so the plugin is named by its absolute path.
    const manifest = path.join(project.dir, "Pulumi.yaml");
    await fs.writeFile(
      manifest,
      (await fs.readFile(manifest, "utf8")).replace("path: ../../plugin", `path: ${path.join(repoRoot, "plugin")}`),
    );
    await project.stackInit("test");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", ENGINE_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", ENGINE_CREDENTIALS.secretKey, { secret: true });
    await project.setConfig("tencent-ci:securityToken", ENGINE_CREDENTIALS.securityToken, { secret: true });
  });

  after(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed early
    if (project !== undefined) {
      await project.destroy();
      await project.cleanup();
    }
    await client.close();
    await emulator.close();
  });

  const writes = () => emulator.requests.writes().map((entry) => `${entry.method} ${entry.path}`);
  const jobsInState = async () => ((await project.exportStack()).deployment.resources ?? []).filter((r) => r.type === JOB_TYPE);

  it("previews the job as a create of tencent-ci:index:InventoryTriggerJob and sends nothing", async () => {
    const result = await project.preview();
    assertSucceeded(result);
    assert.match(result.stdout, /\+\s+tencent-ci:index:InventoryTriggerJob\s+nightly\s+create/);
    assert.deepEqual(writes(), []);
  });

  it("up triggers one job, auto-named from the resource, and keeps the credentials out of state", async () => {
    assertSucceeded(await project.up());
    assert.deepEqual(writes(), ["POST /inventorytriggerjob"]);
    const outputs = await project.stackOutputs();
    assert.match(String(outputs.jobName), /^nightly-[a-z0-9]{7}$/);
    const job = await client.describeJob(String(outputs.jobId));
    assert.equal(job?.name, outputs.jobName);
    const state = JSON.stringify(await project.exportStack());
    assert.ok(!state.includes(ENGINE_CREDENTIALS.secretKey) && !state.includes(ENGINE_CREDENTIALS.securityToken));
  });

  it("a second up changes nothing and sends no write", async () => {
    const result = await project.up(["--expect-no-changes"]);
    assertSucceeded(result);
    assert.deepEqual(writes(), ["POST /inventorytriggerjob"]);
  });

  it("refresh shows the state the job moved to, and no internal key", async () => {
    const [job] = await jobsInState();
    // The emulator's default life cycle moves a job on as it is read; reading it to its end here
    // stands for the time a real job runs.
    for (let i = 0; i < 10; i++) await client.describeJob(String(job.id));
    const result = await project.refresh(["--diff"]);
    assertSucceeded(result);
    assert.match(result.stdout, /~ state\s*:\s*"Submitted" => "[A-Za-z]+"/);
    assert.doesNotMatch(result.stdout, /__observed|__moved|__secretPaths/);
  });

  it("a new runId re-runs the job: preview shows triggers replacing it, up triggers a second job under a new name", async () => {
    const before = await project.stackOutputs();
    await project.setConfig("runId", "2");
    const preview = await project.preview(["--diff"]);
    assertSucceeded(preview);
    assert.match(preview.stdout, /\+-\s*tencent-ci:index:InventoryTriggerJob: \(replace\)/);
    assert.match(preview.stdout, /~ triggers/);
    assertSucceeded(await project.up());
    const after = await project.stackOutputs();
    assert.notEqual(after.jobId, before.jobId);
    assert.notEqual(after.jobName, before.jobName);
    assert.equal(writes().filter((write) => write === "POST /inventorytriggerjob").length, 2);
  });

  it("pulumi import adopts a job made elsewhere, sends no write, and prints the YAML to declare it", async () => {
    const made = await client.triggerJob({
      name: "made-elsewhere",
      input: { prefix: "audio/" },
      operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] },
    });
    const before = writes().length;
    // Unprotected, so that the destroy below can end the stack as every other test leaves it.
    const result = await project.import(JOB_TYPE, "adopted", made.jobId, ["--protect=false"]);
    assertSucceeded(result);
    assert.equal(writes().length, before);
    assert.match(result.stdout, /type: tencent-ci:(index:)?InventoryTriggerJob/);
    assert.match(result.stdout, /name: made-elsewhere/);
    const adopted = (await jobsInState()).find((resource) => resource.urn.endsWith("::adopted"));
    assert.equal(adopted?.id, made.jobId);
  });

  it("destroy cancels the jobs that may still run and empties the stack", async () => {
    const live = (await jobsInState()).filter((job) => ["Submitted", "Running"].includes(String(job.outputs?.state)));
    assert.ok(live.length > 0, "the stack holds a job that may still run");
    const result = await project.destroy();
    assertSucceeded(result);
    assert.deepEqual(await jobsInState(), []);
    for (const job of live)
      assert.ok(
        writes().some((write) => write.startsWith(`PUT /inventorytriggerjob/${String(job.id)}`)),
        `job ${String(job.id)} was cancelled`,
      );
  });
});
