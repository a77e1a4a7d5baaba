import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";
import { assertSucceeded } from "./support/jobStack";
import { npmInstall, npmPack, pinnedPulumiSdk } from "./support/packedPackage";

const run = promisify(execFile);

/** Package-manager scripts that run on a consumer's machine when the package is installed. */
const INSTALL_TIME_SCRIPTS = ["preinstall", "install", "postinstall", "prepare", "prepublish"];

/** The job the installed project deploys: compliant with every policy under the pack's defaults. */
const COMPLIANT_JOB = {
  resource: "installed",
  args: { input: { prefix: "a/" }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] } },
};

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

  let tarballFiles: Set<string>;
  let installLog: string;
  const policyPack = path.join("node_modules", "pulumi-tencent-ci", "policy");

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...DEMO_CREDENTIALS }] });
    // The package's own name in the project's path once made @pulumi/pulumi store a require of a
    // file path that `exports` did not allow; keep it in the path so that stays fixed.
    userDir = await fs.mkdtemp(path.join(os.tmpdir(), "pulumi-tencent-ci-user-"));
    const tarball = await npmPack(repoRoot, userDir);
    tarballFiles = tarball.files;
    await fs.writeFile(path.join(userDir, "package.json"), JSON.stringify({ name: "user-project", private: true, main: "index.js" }));
    await fs.copyFile(path.join(repoRoot, "tests", "engine", "fixtures", "jobs", "index.js"), path.join(userDir, "index.js"));
    await fs.writeFile(path.join(userDir, "Pulumi.yaml"), "name: installed-package\nruntime: nodejs\n");
    // What the README has a user type: `npm install pulumi-tencent-ci` in a project that has
    // @pulumi/pulumi, with npm's default script handling (no --ignore-scripts).
    installLog = await npmInstall(userDir, [tarball.file, await pinnedPulumiSdk()]);
    project = await PulumiProject.inPlace(userDir);
    await project.stackInit("test");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
    await project.setConfig("test:jobs", JSON.stringify([COMPLIANT_JOB]));
  });

  after(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed */
    await project?.destroy();
    await project?.cleanup();
    await emulator?.close();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    if (userDir) await fs.rm(userDir, { recursive: true, force: true });
  });

  it("packs a manifest with no install-time script and no script, bin, entry point or pack entry naming a file it does not ship", async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(userDir, "node_modules", "pulumi-tencent-ci", "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
      bin?: Record<string, string>;
      main: string;
      types: string;
      exports: Record<string, string | Record<string, string>>;
    };
    const scripts = manifest.scripts ?? {};
    for (const name of INSTALL_TIME_SCRIPTS) assert.equal(scripts[name], undefined, `the packed manifest has a ${name} script`);
    for (const [name, command] of Object.entries(scripts)) {
      for (const file of command.match(/[\w.-]+(?:\/[\w.-]+)+|[\w.-]+\.(?:c?js|ts|sh)\b/g) ?? []) {
        assert.ok(tarballFiles.has(file.replace(/^\.\//, "")), `script ${name} names ${file}, which the tarball does not ship`);
      }
    }
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin ?? {}),
      ...Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
    ];
    for (const target of targets)
      assert.ok(tarballFiles.has(target.replace(/^\.\//, "")), `${target} is named in package.json but not shipped`);
    const packMain = JSON.parse(await fs.readFile(path.join(userDir, policyPack, "package.json"), "utf8")).main as string;
    assert.ok(tarballFiles.has(path.posix.join("policy", packMain)), `the pack's main ${packMain} is not shipped`);
  });

  it("installs without npm warning about a script of this package", () => {
    assert.doesNotMatch(installLog, /pulumi-tencent-ci@[^\s]* \((preinstall|install|postinstall|prepare)/, installLog);
    assert.doesNotMatch(installLog, /node scripts\/linkSelf/, installLog);
  });

  it("runs the emulator the README starts, npx --package=pulumi-tencent-ci tencent-ci-emulator, from the installed package without the registry", async () => {
    // --offline: a lookup in the registry would fail with ENOTCACHED instead of printing the usage.
    const { stdout } = await run("npx", ["--offline", "--package=pulumi-tencent-ci", "tencent-ci-emulator", "--help"], { cwd: userDir });

    assert.match(stdout, /^Usage: tencent-ci-emulator/);
  });

  it("runs the shipped policy pack from node_modules: a compliant program passes", async () => {
    const result = await project.preview(["--policy-pack", policyPack]);

    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /tencent-ci-jobs@v\d/);
  });

  it("runs the shipped policy pack from node_modules: a job whose window is too wide fails naming time-interval-valid", async () => {
    const violating = {
      ...COMPLIANT_JOB,
      args: {
        ...COMPLIANT_JOB.args,
        operation: {
          ...COMPLIANT_JOB.args.operation,
          timeInterval: { start: "2024-01-01T00:00:00+0800", end: "2024-02-01T00:00:00+0800" },
        },
      },
    };
    const configFile = path.join(userDir, "policy-config.json");
    // Explicit level and limit, so the test does not depend on the pack's defaults.
    await fs.writeFile(configFile, JSON.stringify({ "time-interval-valid": { enforcementLevel: "mandatory", maxWindowDays: 7 } }));
    await project.setConfig("test:jobs", JSON.stringify([violating]));
    try {
      const result = await project.preview(["--policy-pack", policyPack, "--policy-pack-config", configFile]);

      assert.notEqual(result.code, 0, `a violating preview passed:\n${result.stdout}`);
      assert.match(result.stdout, /\[mandatory\]\s+time-interval-valid\s/, result.stdout);
      assert.match(result.stdout, /spans 31 days; at most 7/, result.stdout);
      assert.equal(emulator.backend.jobs().length, 0);
    } finally {
      await project.setConfig("test:jobs", JSON.stringify([COMPLIANT_JOB]));
    }
  });

  it("deploys, and stores the provider as a require of the package in well under 2 KB per resource", async () => {
    assertSucceeded(await project.up());

    const [job] = ((await project.exportStack()).deployment.resources ?? []).filter((r) => r.type.endsWith(":InventoryTriggerJob"));
    const stored = job.inputs?.__provider;
    const serialized = typeof stored === "string" ? stored : "";
    assert.ok(serialized.length > 0 && serialized.length < 2048, `serialized provider is ${serialized.length} bytes`);
    assert.match(serialized, /require\("pulumi-tencent-ci\/(dynamic-provider|dist\/sdk\/dynamicProvider\.js)"\)/);
    assert.equal(emulator.backend.jobs().length, 1);
  });

  it("loads the shipped policy pack on pulumi up from node_modules", async () => {
    const result = await project.up(["--policy-pack", policyPack]);

    assertSucceeded(result);
    assert.match(result.stdout, /tencent-ci-jobs@v\d/);
  });

  it("refreshes and destroys through the provider loaded from node_modules", async () => {
    assertSucceeded(await project.refresh());
    assertSucceeded(await project.destroy());
    assert.equal(((await project.exportStack()).deployment.resources ?? []).length, 0);
  });
});
