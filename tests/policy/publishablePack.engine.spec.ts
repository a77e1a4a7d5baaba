import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumi, PulumiProject, repoRoot, type CommandResult } from "../../scripts/pulumiCli";
import { dependOnTarball, npmInstall, npmPack, pinnedPulumiSdk, type PackedTarball } from "../engine/support/packedPackage";

const run = promisify(execFile);

/** A job every policy of both packs lets through under their defaults. */
const COMPLIANT_JOB = {
  resource: "backfill",
  args: {
    input: { prefix: "videos/2024/" },
    operation: {
      workflowIds: [DEMO_WORKFLOW_ID],
      timeInterval: { start: "2024-01-01T00:00:00+0800", end: "2024-01-15T00:00:00+0800" },
    },
  },
};

const OTHER_WORKFLOW_ID = "w0000000000000000000000000000beef";

function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

function failedOn(result: CommandResult, policy: string, reason: string): void {
  assert.notEqual(result.code, 0, `the preview passed, expected ${policy} to stop it:\n${output(result)}`);
  assert.match(result.stdout, new RegExp(`\\[mandatory\\]\\s+${policy}\\s`), `no mandatory ${policy} violation in:\n${output(result)}`);
  assert.ok(result.stdout.includes(reason), `no "${reason}" in:\n${result.stdout}`);
}

/**
 * The policy pack as `pulumi policy publish` ships it: `npm pack` of policy/, unpacked into an empty
 * folder and given its declared dependencies with `npm install` there, which is what the CLI does
 * with a pack it downloads from Pulumi Cloud to enforce it. Beside it, a pack composed from
 * `pulumi-tencent-ci/policy` (examples/custom-policy-pack) installed the same way. Both run on a
 * program that has the packed package, outside this checkout, so nothing resolves from the repository.
 */
describe("the policy pack packed and installed on its own, and a pack composed from its policies", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let workDir: string;
  let packTarball: PackedTarball;
  let packDir: string;
  let customPackDir: string;
  let project: PulumiProject;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...DEMO_CREDENTIALS }] });
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), "tencent-ci-policy-"));
    const packageTarball = await npmPack(repoRoot, workDir);
    packTarball = await npmPack(path.join(repoRoot, "policy"), workDir);

    packDir = path.join(workDir, "published-pack");
    await fs.mkdir(packDir);
    await run("tar", ["-xzf", packTarball.file, "--strip-components=1", "-C", packDir]);
    await dependOnTarball(packDir, "pulumi-tencent-ci", packageTarball.file);
    await npmInstall(packDir);

    customPackDir = path.join(workDir, "custom-policy-pack");
    await fs.cp(path.join(repoRoot, "examples", "custom-policy-pack"), customPackDir, { recursive: true });
    await dependOnTarball(customPackDir, "pulumi-tencent-ci", packageTarball.file);
    await npmInstall(customPackDir);

    const programDir = await fs.mkdtemp(path.join(workDir, "program-"));
    await fs.writeFile(path.join(programDir, "package.json"), JSON.stringify({ name: "jobs-program", private: true, main: "index.js" }));
    await fs.copyFile(path.join(repoRoot, "tests", "engine", "fixtures", "jobs", "index.js"), path.join(programDir, "index.js"));
    await fs.writeFile(path.join(programDir, "Pulumi.yaml"), "name: policy-pack-user\nruntime: nodejs\n");
    await npmInstall(programDir, [packageTarball.file, await pinnedPulumiSdk()]);
    project = await PulumiProject.inPlace(programDir);
    await project.stackInit("test");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
  });

  after(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed */
    await project?.cleanup();
    await emulator?.close();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  /** Previews the program declaring `jobs` with the pack in `pack`, after the given extra arguments. */
  async function previewWith(pack: string, jobs: object[], args: string[] = []): Promise<CommandResult> {
    await project.setConfig("test:jobs", JSON.stringify(jobs));
    return project.preview(["--policy-pack", pack, ...args]);
  }

  it("packs the policy folder whole: its entry, PulumiPolicy.yaml, the README and the example settings, and none of the TypeScript sources", () => {
    assert.deepEqual([...packTarball.files].sort(), ["PulumiPolicy.yaml", "README.md", "config.example.json", "pack.js", "package.json"]);
  });

  it("runs the installed pack with --policy-pack on its folder: a compliant job passes, reported as tencent-ci-jobs at the package's version", async () => {
    const result = await previewWith(packDir, [COMPLIANT_JOB]);

    assert.equal(result.code, 0, output(result));
    assert.match(result.stdout, /tencent-ci-jobs@v0\.1\.0/);
  });

  it("runs the installed pack with its settings: a window wider than maxWindowDays fails naming time-interval-valid, and nothing is triggered", async () => {
    const configFile = path.join(workDir, "policy-config.json");
    await fs.writeFile(configFile, JSON.stringify({ "time-interval-valid": { enforcementLevel: "mandatory", maxWindowDays: 7 } }));

    const result = await previewWith(packDir, [COMPLIANT_JOB], ["--policy-pack-config", configFile]);

    failedOn(result, "time-interval-valid", "spans 14 days; at most 7");
    assert.equal(emulator.backend.jobs().length, 0);
  });

  it("runs the composed pack: a job on an approved workflow under the team's prefixes passes, reported as media-team-jobs", async () => {
    const result = await previewWith(customPackDir, [COMPLIANT_JOB]);

    assert.equal(result.code, 0, output(result));
    assert.match(result.stdout, /media-team-jobs@v1\.0\.0/);
  });

  it("runs the composed pack: its baked allow-list makes workflow-allowed mandatory with no --policy-pack-config", async () => {
    const job = {
      ...COMPLIANT_JOB,
      args: { ...COMPLIANT_JOB.args, operation: { ...COMPLIANT_JOB.args.operation, workflowIds: [OTHER_WORKFLOW_ID] } },
    };

    failedOn(
      await previewWith(customPackDir, [job]),
      "workflow-allowed",
      `runs workflow ${OTHER_WORKFLOW_ID}, which is not in allowedWorkflowIds`,
    );
  });

  it("runs the composed pack: its own rule, prefix-allowed, stops a job outside the team's prefixes", async () => {
    const job = { ...COMPLIANT_JOB, args: { ...COMPLIANT_JOB.args, input: { prefix: "backups/" } } };

    failedOn(await previewWith(customPackDir, [job]), "prefix-allowed", "input.prefix backups/ is not under videos/, images/");
  });
});
