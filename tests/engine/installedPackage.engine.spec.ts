import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";
import { assertSucceeded } from "./support/jobStack";

const run = promisify(execFile);

/**
 * The package as users get it: packed, installed under a project's node_modules, outside this
 * checkout. Only there is the provider stored by reference, and only there does a missing file in
 * the package or a wrong `exports` entry show.
 */
describe("the packed package installed in a project of its own", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let userDir: string;
  let project: PulumiProject;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...DEMO_CREDENTIALS }] });
    // The package's own name in the project's path once made @pulumi/pulumi store a require of a
    // file path that `exports` did not allow; keep it in the path so that stays fixed.
    userDir = await fs.mkdtemp(path.join(os.tmpdir(), "pulumi-tencent-ci-user-"));
    const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", userDir], { cwd: repoRoot });
    const tarball = path.join(userDir, stdout.trim().split("\n").pop() as string);
    const pin = JSON.parse(await fs.readFile(path.join(repoRoot, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"] as string;
    await fs.writeFile(
      path.join(userDir, "package.json"),
      JSON.stringify({ name: "user-project", private: true, main: "index.js", dependencies: { "pulumi-tencent-ci": `file:${tarball}`, "@pulumi/pulumi": pin } }),
    );
    await fs.copyFile(path.join(repoRoot, "tests", "engine", "fixtures", "jobs", "index.js"), path.join(userDir, "index.js"));
    await fs.writeFile(path.join(userDir, "Pulumi.yaml"), "name: installed-package\nruntime: nodejs\n");
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: userDir, maxBuffer: 16 * 1024 * 1024 });
    project = await PulumiProject.inPlace(userDir);
    await project.stackInit("test");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
    await project.setConfig("test:jobs", JSON.stringify([{ resource: "installed", args: { input: { prefix: "a/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } } }]));
  });

  after(async () => {
    await project?.destroy();
    await project?.cleanup();
    await emulator?.close();
    if (userDir) await fs.rm(userDir, { recursive: true, force: true });
  });

  it("deploys, and stores the provider as a require of the package in well under 2 KB per resource", async () => {
    assertSucceeded(await project.up());

    const [job] = ((await project.exportStack()).deployment.resources ?? []).filter((r) => r.type.endsWith(":InventoryTriggerJob"));
    const serialized = String(job.inputs?.__provider ?? "");
    assert.ok(serialized.length > 0 && serialized.length < 2048, `serialized provider is ${serialized.length} bytes`);
    assert.match(serialized, /require\("pulumi-tencent-ci\/(dynamic-provider|dist\/sdk\/dynamicProvider\.js)"\)/);
    assert.equal(emulator.backend.jobs().length, 1);
  });

  it("refreshes and destroys through the provider loaded from node_modules", async () => {
    assertSucceeded(await project.refresh());
    assertSucceeded(await project.destroy());
    assert.equal(((await project.exportStack()).deployment.resources ?? []).length, 0);
  });
});
