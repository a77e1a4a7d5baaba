/**
 * The GitOps pipeline of a stack of jobs, on Pulumi's Automation API:
 *
 *   ts-node pipeline/main.ts preview --stack dev   # pull request: policy-checked preview
 *   ts-node pipeline/main.ts deploy  --stack dev   # merge: refresh, then up
 *   ts-node pipeline/main.ts drift   --stack dev   # schedule: refresh, flag failed or vanished jobs
 *
 * Each command prints a Markdown report on stdout (the engine's own output goes to stderr), appends
 * it to `$GITHUB_STEP_SUMMARY` when set and writes it to `--out`. The exit status is the gate: 0
 * when the preview passed every mandatory policy, the deploy succeeded, or no job drifted; 1
 * otherwise; 2 for a usage error.
 */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { drifted, jobStatuses } from "./drift";
import { PreviewCollector } from "./events";
import { deployMarkdown, driftMarkdown, previewMarkdown } from "./markdown";

const USAGE = `usage: pipeline <preview|deploy|drift> [options]
  --stack <name>          stack to work on (default: $PULUMI_STACK)
  --dir <folder>          the Pulumi project (default: the current folder)
  --policy-pack <folder>  default: pulumi-tencent-ci's pack in node_modules
  --policy-config <file>  default: policy-config.json in the project, when present
  --out <file>            also write the Markdown report here`;

interface Options {
  command: "preview" | "deploy" | "drift";
  stack: string;
  dir: string;
  policyPack: string;
  policyConfig?: string;
  out?: string;
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
    },
  });
  const command = positionals.at(0);
  const extra = positionals.slice(1);
  if (command !== "preview" && command !== "deploy" && command !== "drift") throw new UsageError(`unknown command '${command ?? ""}'`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (stack === undefined || stack === "") throw new UsageError("--stack (or PULUMI_STACK) is required");
  const dir = path.resolve(values.dir ?? ".");
  // The pack ships inside the package: the same version as the provider that deploys the jobs.
  const policyPack =
    values["policy-pack"] ?? path.join(path.dirname(require.resolve("pulumi-tencent-ci/package.json", { paths: [dir] })), "policy");
  const defaultConfig = path.join(dir, "policy-config.json");
  const policyConfig = values["policy-config"] ?? (existsSync(defaultConfig) ? defaultConfig : undefined);
  return { command, stack, dir, policyPack: path.resolve(policyPack), policyConfig, out: values.out };
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
    await stack.preview({ ...policyOptions(options), onEvent: collector.onEvent, onOutput: engineOutput, color: "never" });
  } catch (failure) {
    error = tail(failure);
  }
  return {
    report: previewMarkdown(options.stack, collector.steps, collector.violations, error),
    ok: error === undefined && !collector.blocked,
  };
}

async function deploy(stack: Stack, options: Options): Promise<{ report: string; ok: boolean }> {
  const collector = new PreviewCollector();
  try {
    // A refresh first, so that jobs that failed or vanished upstream are known to the up
    // (retriggerOnStates runs them again) and the up does not plan from stale outputs.
    await stack.refresh({ onOutput: engineOutput, color: "never" });
    await stack.up({ ...policyOptions(options), onEvent: collector.onEvent, onOutput: engineOutput, color: "never" });
    return { report: deployMarkdown(options.stack, collector.steps, collector.violations), ok: true };
  } catch (failure) {
    return { report: deployMarkdown(options.stack, collector.steps, collector.violations, tail(failure)), ok: false };
  }
}

async function drift(stack: Stack, options: Options): Promise<{ report: string; ok: boolean }> {
  await stack.refresh({ onOutput: engineOutput, color: "never" });
  const jobs = jobStatuses(await stack.exportStack());
  const flagged = drifted(jobs);
  return { report: driftMarkdown(options.stack, jobs, flagged), ok: flagged.length === 0 };
}

const COMMANDS = { preview, deploy, drift };

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
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
