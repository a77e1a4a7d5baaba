/**
 * The GitOps pipeline of a stack of jobs, on Pulumi's Automation API:
 *
 *   ts-node pipeline/main.ts preview --stack dev   # pull request: refresh, then a policy-checked preview
 *   ts-node pipeline/main.ts deploy  --stack dev   # merge: refresh, then up
 *   ts-node pipeline/main.ts drift   --stack dev   # schedule: refresh, flag failed or vanished jobs
 *   ts-node pipeline/main.ts comment --stack dev --report preview.md --pr 12   # the report on the pull request
 *   ts-node pipeline/main.ts reviewed-run --stack dev   # merge: the preview run whose plan to deploy
 *
 * Each of the first three prints a Markdown report on stdout (the engine's own output goes to
 * stderr), appends it to `$GITHUB_STEP_SUMMARY` when set and writes it to `--out`. The exit status
 * is the gate: 0 when the preview passed every mandatory policy, the deploy succeeded, or no job
 * drifted; 1 otherwise; 2 for a usage error.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { commentBody, postComment } from "./comment";
import { drifted, jobStatuses } from "./drift";
import { PreviewCollector } from "./events";
import type { GitHubTarget } from "./github";
import { NoReviewedPlan, planArtifactName, reviewedRun } from "./reviewedRun";
import { deployMarkdown, driftMarkdown, previewMarkdown } from "./markdown";

const USAGE = `usage: pipeline <preview|deploy|drift|comment|reviewed-run> [options]
  --stack <name>          stack to work on (default: $PULUMI_STACK)
  --dir <folder>          the Pulumi project (default: the current folder)
  --policy-pack <folder>  default: pulumi-tencent-ci's pack in node_modules
  --policy-config <file>  default: policy-config.json in the project, when present
  --out <file>            also write the Markdown report here
  --save-plan <file>      preview: save the plan of the preview here
  --plan <file>           deploy: apply this saved plan; the up fails if it would do anything else
  --report <file>         comment: the report to post (default: the preview's --out)
  --pr <number>           comment: the pull request (default: from $GITHUB_EVENT_PATH)
comment posts the report on the pull request as the pipeline's comment for the stack, or edits
that comment, found by a hidden marker; it needs $GITHUB_TOKEN and $GITHUB_REPOSITORY.
reviewed-run, on a push, finds the passing preview run of the merged pull request's last commit
and writes its id (run-id) and the plan's artifact name (artifact) to $GITHUB_OUTPUT; it exits 1
when there is none. It needs $GITHUB_TOKEN, $GITHUB_REPOSITORY, $GITHUB_SHA, $GITHUB_WORKFLOW_REF.`;

type Command = "preview" | "deploy" | "drift" | "comment" | "reviewed-run";

const COMMAND_NAMES: readonly string[] = ["preview", "deploy", "drift", "comment", "reviewed-run"] satisfies Command[];

interface Options {
  command: Command;
  stack: string;
  dir: string;
  policyPack: string;
  policyConfig?: string;
  out?: string;
  savePlan?: string;
  plan?: string;
  report?: string;
  pullRequest?: string;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stack: { type: "string" },
      dir: { type: "string" },
      "policy-pack": { type: "string" },
      "policy-config": { type: "string" },
      out: { type: "string" },
      "save-plan": { type: "string" },
      plan: { type: "string" },
      report: { type: "string" },
      pr: { type: "string" },
    },
  });
  const command = positionals.at(0);
  const extra = positionals.slice(1);
  if (command === undefined || !COMMAND_NAMES.includes(command)) throw new UsageError(`unknown command '${command ?? ""}'`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (stack === undefined || stack === "") throw new UsageError("--stack (or PULUMI_STACK) is required");
  const dir = path.resolve(values.dir ?? ".");
  // The pack ships inside the package: the same version as the provider that deploys the jobs.
  const policyPack =
    values["policy-pack"] ?? path.join(path.dirname(require.resolve("pulumi-tencent-ci/package.json", { paths: [dir] })), "policy");
  const defaultConfig = path.join(dir, "policy-config.json");
  const policyConfig = values["policy-config"] ?? (existsSync(defaultConfig) ? defaultConfig : undefined);
  const absolute = (file: string | undefined) => (file === undefined ? undefined : path.resolve(file));
  return {
    command: command as Command,
    stack,
    dir,
    policyPack: path.resolve(policyPack),
    policyConfig,
    out: values.out,
    savePlan: absolute(values["save-plan"]),
    plan: absolute(values.plan),
    report: absolute(values.report ?? values.out),
    pullRequest: values.pr,
  };
}

/** The last lines of a failed command's message: the engine's diagnostics are at the end. */
function tail(error: unknown, lines = 40): string {
  return String(error instanceof Error ? error.message : error)
    .split("\n")
    .slice(-lines)
    .join("\n");
}

const engineOutput = (text: string): void => {
  process.stderr.write(text);
};

function policyOptions(options: Options): { policyPacks: string[]; policyPackConfigs?: string[] } {
  return { policyPacks: [options.policyPack], policyPackConfigs: options.policyConfig === undefined ? undefined : [options.policyConfig] };
}

async function preview(stack: Stack, options: Options): Promise<{ report: string; ok: boolean }> {
  const collector = new PreviewCollector();
  let error: string | undefined;
  try {
    // Refreshed first, as the deploy is: a job that failed upstream shows here as the re-run the
    // deploy will make (retriggerOnStates), not as nothing to do. The refresh is not saved.
    await stack.preview({
      ...policyOptions(options),
      refresh: true,
      plan: options.savePlan,
      onEvent: collector.onEvent,
      onOutput: engineOutput,
      color: "never",
    });
  } catch (failure) {
    error = tail(failure);
  }
  const notes = ["The jobs' states were refreshed from the service first, as the deploy does."];
  if (options.savePlan !== undefined && error === undefined) {
    notes.push("The plan of this preview is saved: the deploy applies it, and fails rather than do anything it does not list.");
  }
  return {
    report: previewMarkdown(options.stack, collector.steps, collector.violations, error, notes),
    ok: error === undefined && !collector.blocked,
  };
}

/** Whether the engine stopped an up because it left its saved plan (the words of the engine in 3.248). */
function leftPlan(error: string): boolean {
  return /is not allowed by the plan|violates plan/.test(error);
}

async function deploy(stack: Stack, options: Options): Promise<{ report: string; ok: boolean }> {
  const collector = new PreviewCollector();
  try {
    // A refresh first, so that jobs that failed or vanished upstream are known to the up
    // (retriggerOnStates runs them again) and the up does not plan from stale outputs.
    await stack.refresh({ onOutput: engineOutput, color: "never" });
    await stack.up({ ...policyOptions(options), plan: options.plan, onEvent: collector.onEvent, onOutput: engineOutput, color: "never" });
    const notes = options.plan === undefined ? [] : ["Applied the plan saved by the reviewed preview."];
    return { report: deployMarkdown(options.stack, collector.steps, collector.violations, undefined, notes), ok: true };
  } catch (failure) {
    const error = tail(failure);
    const notes =
      options.plan !== undefined && leftPlan(error)
        ? [
            "The deploy would have done something the reviewed plan does not list (the stack or the jobs moved since the preview), " +
              "so it stopped. Preview again and review the new plan.",
          ]
        : [];
    return { report: deployMarkdown(options.stack, collector.steps, collector.violations, error, notes), ok: false };
  }
}

async function drift(stack: Stack, options: Options): Promise<{ report: string; ok: boolean }> {
  await stack.refresh({ onOutput: engineOutput, color: "never" });
  const jobs = jobStatuses(await stack.exportStack());
  const flagged = drifted(jobs);
  return { report: driftMarkdown(options.stack, jobs, flagged), ok: flagged.length === 0 };
}

const COMMANDS = { preview, deploy, drift };

/** The pull request a `pull_request` workflow runs for, from the event GitHub writes to a file. */
function pullRequestOfEvent(): string | undefined {
  const file = process.env.GITHUB_EVENT_PATH;
  if (file === undefined || !existsSync(file)) return undefined;
  const event = JSON.parse(readFileSync(file, "utf8")) as { pull_request?: { number?: number } };
  return event.pull_request?.number === undefined ? undefined : String(event.pull_request.number);
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new UsageError(`${name} is required`);
  return value;
}

/** The repository the workflow runs for, with its token, from the environment GitHub Actions sets. */
function gitHubTarget(): GitHubTarget {
  return {
    apiUrl: process.env.GITHUB_API_URL ?? "https://api.github.com",
    token: required("$GITHUB_TOKEN", process.env.GITHUB_TOKEN),
    repository: required("$GITHUB_REPOSITORY", process.env.GITHUB_REPOSITORY),
  };
}

/** `comment`: the report, cut to fit, as the pipeline's own comment on the pull request. */
async function comment(options: Options): Promise<number> {
  const report = readFileSync(required("--report (or --out)", options.report), "utf8");
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = process.env;
  const fullReportUrl = server && repository && run ? `${server}/${repository}/actions/runs/${run}` : undefined;
  const pullRequest = Number(required("--pr", options.pullRequest ?? pullRequestOfEvent()));
  const { action, id } = await postComment(
    { ...gitHubTarget(), pullRequest, author: process.env.COMMENT_AUTHOR },
    options.stack,
    commentBody(report.trimEnd(), options.stack, { fullReportUrl }),
  );
  process.stderr.write(`${action} comment ${id} on pull request ${pullRequest}\n`);
  return 0;
}

/** `reviewed-run`: the preview run whose plan a merge deploys, for the workflow to download the plan from. */
async function reviewedRunCommand(options: Options): Promise<number> {
  const sha = required("$GITHUB_SHA", process.env.GITHUB_SHA);
  // owner/repo/.github/workflows/<file>@<ref>: the runs API takes the file name.
  const workflow = required("$GITHUB_WORKFLOW_REF", process.env.GITHUB_WORKFLOW_REF).replace(/@.*$/, "").split("/").pop() ?? "";
  try {
    const found = await reviewedRun(gitHubTarget(), sha, workflow, options.stack);
    const lines = `run-id=${found.runId}\nartifact=${planArtifactName(options.stack)}\n`;
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, lines);
    process.stdout.write(`the plan of run ${found.runId}, the preview of pull request #${found.pullRequest} at ${found.headSha}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof NoReviewedPlan)) throw error;
    process.stderr.write(
      `::error::${error.message}: nothing reviewed to deploy. Deploy main by hand (workflow_dispatch, command deploy).\n`,
    );
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.command === "comment" || options.command === "reviewed-run") {
    try {
      return await (options.command === "comment" ? comment(options) : reviewedRunCommand(options));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
  }
  const stack = await LocalWorkspace.selectStack({ stackName: options.stack, workDir: options.dir });
  const { report, ok } = await COMMANDS[options.command](stack, options);
  process.stdout.write(`${report}\n`);
  if (options.out !== undefined) writeFileSync(options.out, `${report}\n`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${report}\n`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${tail(error)}\n`);
    process.exitCode = 1;
  },
);
