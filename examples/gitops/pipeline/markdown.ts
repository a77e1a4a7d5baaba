/** The Markdown a pipeline posts: one report per command, readable in a pull request or a job summary. */
import type { JobStatus } from "./drift";
import type { JobStep, Violation } from "./events";

/** A table cell: pipes escaped, lines joined. */
function cell(value: string | undefined): string {
  return (value ?? "").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " — ");
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

const OP_WORDS: Record<string, string> = {
  create: "runs (new job)",
  replace: "runs again (new job; the old one is cancelled if still running)",
  update: "life-cycle options change, no job runs",
  delete: "leaves the stack (cancelled if still running)",
};

/** The preview report: jobs that would run or change, then every policy violation; `notes` follow the verdict. */
export function previewMarkdown(
  stack: string,
  steps: readonly JobStep[],
  violations: readonly Violation[],
  error?: string,
  notes: readonly string[] = [],
): string {
  const blocked = violations.some((violation) => violation.level === "mandatory");
  const verdict = blocked
    ? "❌ **Blocked by policy**: a mandatory policy failed; nothing may be deployed until it passes."
    : error !== undefined
      ? "❌ **Preview failed** (see below)."
      : "✅ **Preview passed** the policy pack.";
  const parts = [`## Tencent CI jobs: preview of \`${stack}\``, "", verdict, "", ...notes.flatMap((note) => [note, ""])];
  const running = steps.filter((step) => step.op === "create" || step.op === "replace").length;
  parts.push(`### Jobs (${running} would run)`, "");
  parts.push(
    steps.length === 0
      ? "No job changes."
      : table(
          ["resource", "what happens", "job name", "input", "workflows", "replaces"],
          steps.map((step) => [
            step.resource,
            OP_WORDS[step.op] ?? step.op,
            step.jobName ?? "(named at deploy)",
            step.input ?? "",
            (step.workflowIds ?? []).join(", "),
            step.previousJobId ?? "",
          ]),
        ),
    "",
  );
  parts.push(`### Policy violations (${violations.length})`, "");
  parts.push(
    violations.length === 0
      ? "None."
      : table(
          ["level", "policy", "resource", "message"],
          violations.map((violation) => [
            violation.level === "mandatory" ? "❌ mandatory" : `⚠️ ${violation.level}`,
            `\`${violation.policy}\``,
            violation.resource,
            violation.message,
          ]),
        ),
    "",
  );
  if (error !== undefined && !blocked) parts.push("### Error", "", "```", error.trim(), "```", "");
  return parts.join("\n");
}

/** The drift report: every job with its refreshed state, drifted ones flagged. */
export function driftMarkdown(stack: string, jobs: readonly JobStatus[], drifted: readonly JobStatus[]): string {
  const parts = [`## Tencent CI jobs: drift check of \`${stack}\``, ""];
  parts.push(
    drifted.length === 0
      ? `✅ **No drift**: none of the ${jobs.length} jobs failed, was cancelled or vanished.`
      : `❌ **${drifted.length} of ${jobs.length} jobs drifted**: ${drifted.map((job) => `\`${job.resource}\` (${job.state})`).join(", ")}. A deploy runs again the ones whose \`retriggerOnStates\` lists their state.`,
    "",
  );
  if (jobs.length > 0) {
    parts.push(
      table(
        ["", "resource", "job id", "job name", "state", "code", "message"],
        jobs.map((job) => [
          drifted.includes(job) ? "❌" : "✅",
          job.resource,
          job.jobId,
          job.jobName ?? "",
          job.state === "NotFound" ? "NotFound (gone from the service)" : job.state,
          job.code ?? "",
          job.message ?? "",
        ]),
      ),
      "",
    );
  }
  return parts.join("\n");
}

/** The deploy report: the job steps the update took, and any policy violation; `notes` follow the verdict. */
export function deployMarkdown(
  stack: string,
  steps: readonly JobStep[],
  violations: readonly Violation[],
  error?: string,
  notes: readonly string[] = [],
): string {
  const ran = steps.filter((step) => step.op === "create" || step.op === "replace").length;
  const parts = [
    `## Tencent CI jobs: deploy of \`${stack}\``,
    "",
    error === undefined ? `✅ **Deployed**: ${ran} job(s) triggered.` : "❌ **Deploy failed**.",
    "",
    ...notes.flatMap((note) => [note, ""]),
  ];
  if (steps.length > 0) {
    parts.push(
      table(
        ["resource", "what happened", "job name", "input", "workflows"],
        steps.map((step) => [
          step.resource,
          OP_WORDS[step.op] ?? step.op,
          step.jobName ?? "",
          step.input ?? "",
          (step.workflowIds ?? []).join(", "),
        ]),
      ),
      "",
    );
  }
  if (violations.length > 0) {
    parts.push(
      table(
        ["level", "policy", "resource", "message"],
        violations.map((v) => [v.level, `\`${v.policy}\``, v.resource, v.message]),
      ),
      "",
    );
  }
  if (error !== undefined) parts.push("```", error.trim(), "```", "");
  return parts.join("\n");
}
