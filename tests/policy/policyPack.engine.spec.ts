import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { CommandResult, ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";

const policyPack = path.join(repoRoot, "policy");
const fixture = path.join(repoRoot, "tests", "engine", "fixtures", "policy-job");

function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

function passed(result: CommandResult): void {
  assert.equal(result.code, 0, `pulumi failed:\n${output(result)}`);
}

function failedOn(result: CommandResult, policy: string, reason: string | RegExp): void {
  assert.notEqual(result.code, 0, `pulumi passed, expected ${policy} to stop it:\n${output(result)}`);
  assert.match(result.stdout, new RegExp(`\\[mandatory\\]\\s+${policy}\\s`), `no mandatory ${policy} violation in:\n${output(result)}`);
  assert.ok(
    typeof reason === "string" ? result.stdout.includes(reason) : reason.test(result.stdout),
    `no reason ${String(reason)} in:\n${result.stdout}`,
  );
}

describe("the tencent-ci-jobs policy pack run by the Pulumi CLI", function () {
  this.timeout(120_000);
  let project: PulumiProject;

  before(async function () {
    // The first run on a machine compiles the CLI with Go: minutes, not seconds.
    this.timeout(30 * 60_000);
    await ensurePulumi();
    project = await PulumiProject.create(fixture);
    await project.stackInit();
    // Preview sends nothing, but a stack without the settings a deploy needs fails it: these are
    // placeholders no request uses.
    await project.setConfig("tencent-ci:endpoint", "http://127.0.0.1:9");
    await project.setConfig("tencent-ci:secretId", "AKIDPOLICYTESTS00000000000000000000");
    await project.setConfig("tencent-ci:secretKey", "policy-tests-key", { secret: true });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed
  after(async () => project?.cleanup());

  /** Runs `body` with the given stack config set, and removes it afterwards. */
  async function withConfig(values: Record<string, string>, body: () => Promise<void>): Promise<void> {
    for (const [key, value] of Object.entries(values)) await project.setConfig(key, value);
    try {
      await body();
    } finally {
      for (const key of Object.keys(values)) await project.run(["config", "rm", key, "--non-interactive"]);
    }
  }

  const preview = (args: string[] = []) => project.preview(["--policy-pack", policyPack, ...args]);

  it("lets pulumi preview pass for a compliant job", async () => {
    const result = await preview();

    passed(result);
    assert.match(result.stdout, /tencent-ci-jobs@v0\.1\.0/);
  });

  it("fails pulumi preview naming callback-https when the job calls back over plain http", async () => {
    await withConfig({ callBack: "http://hooks.example.com/ci" }, async () => {
      failedOn(await preview(), "callback-https", "operation.callBack must use https, not http");
    });
  });

  it("reports an advisory violation without failing pulumi preview", async () => {
    await withConfig({ jobLevel: "2" }, async () => {
      const result = await preview();

      passed(result);
      assert.match(result.stdout, /\[advisory\]\s+job-level-max\s/);
    });
  });

  it("judges nothing about a callback that is unknown during preview", async () => {
    await withConfig({ callBackFromHook: "true" }, async () => {
      const result = await preview();

      passed(result);
      assert.doesNotMatch(result.stdout, /callback-https/);
    });
  });

  it("compares the output region with the stack's tencent-ci:region when the job names none and requireJobRegion is set", async () => {
    const configFile = path.join(project.dir, "policy-config.json");
    await fs.writeFile(configFile, JSON.stringify({ "output-bucket-allowed": { requireJobRegion: true } }));
    await withConfig({ omitRegion: "true", "tencent-ci:region": "ap-beijing" }, async () => {
      failedOn(
        await preview(["--policy-pack-config", configFile]),
        "output-bucket-allowed",
        "operation.output.region is ap-guangzhou but the job runs in ap-beijing",
      );
    });
  });

  it("applies the levels and settings given with --policy-pack-config", async () => {
    const configFile = path.join(project.dir, "policy-config.json");
    await fs.writeFile(
      configFile,
      JSON.stringify({ "queue-allowed": { enforcementLevel: "mandatory", allowedQueueIds: ["p0000000000000000000000000000000b"] } }),
    );

    failedOn(await preview(["--policy-pack-config", configFile]), "queue-allowed", "which is not in allowedQueueIds");
  });

  it("fails the stack when it declares more jobs than maxJobs", async () => {
    const configFile = path.join(project.dir, "policy-config.json");
    await fs.writeFile(configFile, JSON.stringify({ "max-jobs-per-stack": { maxJobs: 2 } }));

    await withConfig({ copies: "3" }, async () => {
      failedOn(
        await preview(["--policy-pack-config", configFile]),
        "max-jobs-per-stack",
        "The stack declares 3 InventoryTriggerJob resources; at most 2",
      );
    });
  });

  it("stops pulumi up before triggering a job whose callback turns out to be plain http", async () => {
    await withConfig({ callBackFromHook: "true" }, async () => {
      failedOn(await project.up(["--policy-pack", policyPack]), "callback-https", "operation.callBack must use https");

      const types = ((await project.exportStack()).deployment.resources ?? []).map((resource) => resource.type);
      assert.ok(types.includes("pulumi-nodejs:dynamic:Resource"), "the hook the callback comes from should have been created");
      assert.ok(!types.some((type) => type.endsWith("tencent-ci:InventoryTriggerJob")), "the job must not have been triggered");
    });
  });
});
