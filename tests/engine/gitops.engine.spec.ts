import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";

/** What one pipeline command printed and returned. */
interface PipelineRun {
  code: number;
  /** The Markdown report. */
  markdown: string;
  /** The engine's output. */
  log: string;
}

const OTHER_WORKFLOW_ID = "w0000000000000000000000000000beef";

/**
 * examples/gitops/pipeline run as its workflow runs it (`npm run <command> -- --stack …`), on a
 * copy of the example, against an emulator: the exit status is the CI gate, the Markdown the report.
 */
describe("the GitOps pipeline of examples/gitops against the emulator", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let jobsFile: string;
  let committedJobs: string;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...DEMO_CREDENTIALS }] });
    project = await PulumiProject.create(path.join(repoRoot, "examples", "gitops"));
    await project.stackInit("ci");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
    // The gate a team would set: only the approved workflow may run.
    await fs.writeFile(
      path.join(project.dir, "policy-config.json"),
      JSON.stringify({ "workflow-allowed": { enforcementLevel: "mandatory", allowedWorkflowIds: [DEMO_WORKFLOW_ID] } }),
    );
    jobsFile = path.join(project.dir, "jobs.json");
    committedJobs = await fs.readFile(jobsFile, "utf8");
  });

  after(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed */
    await project?.destroy();
    await project?.cleanup();
    await emulator?.close();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  });

  async function pipeline(command: "preview" | "deploy" | "drift", args: string[] = []): Promise<PipelineRun> {
    const out = path.join(project.dir, `${command}.md`);
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("npm", ["run", "--silent", command, "--", "--stack", "ci", "--out", out, ...args], {
        cwd: project.dir,
        env: project.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode ?? 1, stdout, stderr }));
    });
    const markdown = await fs.readFile(out, "utf8").catch(() => "");
    assert.equal(stdout.trim(), markdown.trim(), `the report on stdout and in --out differ; stderr:\n${stderr}`);
    return { code, markdown, log: stderr };
  }

  /** Where the previews save their plan and the deploys read it, as the workflow passes it on. */
  function planFile(): string {
    return path.join(project.dir, "plan.json");
  }

  function context(run: PipelineRun): string {
    return `exit ${run.code}\n${run.markdown}\n--- engine output ---\n${run.log}`;
  }

  it("previews the committed jobs with the policy pack, refreshed first, and saves the plan: exit 0, Markdown listing the two jobs that would run, nothing triggered", async () => {
    const run = await pipeline("preview", ["--save-plan", planFile()]);

    assert.equal(run.code, 0, context(run));
    assert.match(run.markdown, /Preview passed/);
    assert.match(run.markdown, /refreshed from the service first/);
    assert.match(run.markdown, /The plan of this preview is saved/);
    await fs.access(planFile());
    assert.match(run.markdown, /### Jobs \(2 would run\)/);
    assert.match(run.markdown, /\| thumbnails \| runs \(new job\) \|.*prefix "uploads\/images\/"/);
    assert.match(run.markdown, /\| previews \| runs \(new job\) \|/);
    assert.match(run.markdown, /### Policy violations \(0\)/);
    assert.match(run.log, /tencent-ci-jobs@v/, "the policy pack did not run");
    assert.equal(emulator.backend.jobs().length, 0);
  });

  it("deploys the saved plan with a refresh first and an up: exit 0 and both jobs triggered", async () => {
    const run = await pipeline("deploy", ["--plan", planFile()]);

    assert.equal(run.code, 0, context(run));
    assert.match(run.markdown, /Deployed\*\*: 2 job\(s\) triggered/);
    assert.match(run.markdown, /Applied the plan saved by the reviewed preview/);
    assert.match(run.markdown, /\| thumbnails \| runs \(new job\) \|/);
    assert.match(run.log, /refresh/i);
    assert.equal(emulator.backend.jobs().length, 2);
  });

  it("fails the preview of a change to an unapproved workflow: exit 1, Markdown names workflow-allowed and the job, nothing triggered", async () => {
    const jobs = JSON.parse(committedJobs) as Record<string, unknown>[];
    jobs[0].workflowId = OTHER_WORKFLOW_ID;
    await fs.writeFile(jobsFile, JSON.stringify(jobs));
    try {
      const run = await pipeline("preview");

      assert.equal(run.code, 1, context(run));
      assert.match(run.markdown, /Blocked by policy/);
      assert.match(run.markdown, /\| ❌ mandatory \| `workflow-allowed` \| thumbnails \|.*w0000000000000000000000000000beef/);
      assert.match(run.markdown, /\| thumbnails \| runs again/);
      assert.equal(emulator.backend.jobs().length, 2);
    } finally {
      await fs.writeFile(jobsFile, committedJobs);
    }
  });

  it("stops a deploy whose reviewed plan went stale, a job having failed upstream since: exit 1, the report says to preview again, nothing triggered", async () => {
    const quiet = await pipeline("preview", ["--save-plan", planFile()]);
    assert.equal(quiet.code, 0, context(quiet));
    assert.match(quiet.markdown, /### Jobs \(0 would run\)/);
    const [thumbnails] = await jobIds(["thumbnails"]);
    emulator.backend.setJobState(thumbnails, "Failed", { code: "InternalError", message: "transcoder crashed" });
    const before = emulator.backend.jobs().length;

    const run = await pipeline("deploy", ["--plan", planFile()]);

    assert.equal(run.code, 1, context(run));
    assert.match(run.markdown, /Deploy failed/);
    assert.match(run.markdown, /Preview again and review the new plan/);
    assert.equal(emulator.backend.jobs().length, before);
  });

  it("shows in the refreshed preview the re-run of a failed job the deploy makes, and deploys that plan: exit 0, one job triggered", async () => {
    const before = emulator.backend.jobs().length;
    const preview = await pipeline("preview", ["--save-plan", planFile()]);

    assert.equal(preview.code, 0, context(preview));
    assert.match(preview.markdown, /### Jobs \(1 would run\)/);
    assert.match(preview.markdown, /\| thumbnails \| runs again/);

    const run = await pipeline("deploy", ["--plan", planFile()]);

    assert.equal(run.code, 0, context(run));
    assert.match(run.markdown, /Deployed\*\*: 1 job\(s\) triggered/);
    assert.equal(emulator.backend.jobs().length, before + 1);
  });

  it("applies a plan as the pulumi/actions variant runs the CLI (preview --refresh --save-plan, up --refresh --plan): the failed job runs again", async () => {
    const [thumbnails] = await jobIds(["thumbnails"]);
    emulator.backend.setJobState(thumbnails, "Failed", { code: "InternalError", message: "transcoder crashed" });
    const before = emulator.backend.jobs().length;
    const policy = ["--policy-pack", path.join(repoRoot, "policy")];

    const preview = await project.preview(["--refresh", "--save-plan", planFile(), ...policy]);
    assert.equal(preview.code, 0, `${preview.stdout}\n${preview.stderr}`);
    const up = await project.up(["--refresh", "--plan", planFile(), ...policy]);

    assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
    assert.equal(emulator.backend.jobs().length, before + 1);
  });

  it("finds no drift while every job succeeded: exit 0", async () => {
    const run = await pipeline("drift");

    assert.equal(run.code, 0, context(run));
    assert.match(run.markdown, /No drift/);
    assert.match(run.markdown, /\| ✅ \| thumbnails \|.*\| Success \|/);
  });

  it("flags a job that failed and one cancelled upstream: exit 1, Markdown names both with the failure", async () => {
    const [thumbnails, previews] = await jobIds(["thumbnails", "previews"]);
    emulator.backend.setJobState(thumbnails, "Failed", { code: "InternalError", message: "transcoder crashed" });
    emulator.backend.setJobState(previews, "Cancel");

    const run = await pipeline("drift");

    assert.equal(run.code, 1, context(run));
    assert.match(run.markdown, /2 of 2 jobs drifted/);
    assert.match(
      run.markdown,
      new RegExp(`\\| ❌ \\| thumbnails \\| ${thumbnails} \\|.*\\| Failed \\| InternalError \\| transcoder crashed \\|`),
    );
    assert.match(run.markdown, new RegExp(`\\| ❌ \\| previews \\| ${previews} \\|.*\\| Cancel \\|`));
  });

  it("flags jobs that vanished from the service as NotFound: exit 1", async () => {
    emulator.backend.reset();

    const run = await pipeline("drift");

    assert.equal(run.code, 1, context(run));
    assert.match(run.markdown, /\| ❌ \| thumbnails \|.*\| NotFound \(gone from the service\) \|/);
    assert.match(run.markdown, /\| ❌ \| previews \|.*\| NotFound/);
  });

  it("a deploy whose waited-for jobs went from the service before they were seen to succeed fails saying how to recover, and a new revision runs them again", async () => {
    // The refresh of the drift test above recorded them Failed and Cancel, and then they vanished.
    const stuck = await pipeline("deploy");

    assert.equal(stuck.code, 1, context(stuck));
    assert.match(
      stuck.markdown,
      /is gone from the service before it was seen to succeed; list NotFound in retriggerOnStates or change triggers/,
    );

    // The recovery examples/gitops/README.md gives: a new revision is a change of triggers.
    const jobs = JSON.parse(await fs.readFile(jobsFile, "utf8")) as { revision: number }[];
    await fs.writeFile(jobsFile, JSON.stringify(jobs.map((job) => ({ ...job, revision: job.revision + 1 }))));
    const before = emulator.backend.jobs().length;
    const recovered = await pipeline("deploy");

    assert.equal(recovered.code, 0, context(recovered));
    assert.equal(emulator.backend.jobs().length, before + 2, "both jobs run again, once each");
  });

  /** Job ids in state of the given resources, in order. */
  async function jobIds(resources: string[]): Promise<string[]> {
    const state = (await project.exportStack()).deployment.resources ?? [];
    return resources.map((name) => {
      const found = state.find((resource) => resource.urn.endsWith(`::${name}`));
      assert.ok(found?.id, `no ${name} in state`);
      return found.id;
    });
  }
});
