/**
 * The preview a merge deploys: the run of this workflow that previewed the merged pull request's
 * last commit, passed, and saved its plan as an artifact. The deploy applies that plan or nothing.
 */
import { gitHubCall, type GitHubTarget } from "./github";

/** The name of the artifact a preview saves its plan in, one per stack. */
export function planArtifactName(stack: string): string {
  return `tencent-ci-plan-${stack}`;
}

/** Why no reviewed plan can be deployed: the message says what to do instead. */
export class NoReviewedPlan extends Error {}

/** The preview a merge commit deploys, and where its plan is. */
export interface ReviewedRun {
  pullRequest: number;
  /** The pull request's last commit, the one its preview ran for. */
  headSha: string;
  /** The workflow run that previewed it; download the artifact from it. */
  runId: number;
}

interface PullRequest {
  number: number;
  merged_at?: string | null;
  head: { sha: string };
}

/**
 * Finds the passing preview run, of workflow file `workflow`, of the pull request merged as
 * `mergeSha`, holding the plan artifact of `stack`. The token needs `contents: read` and
 * `actions: read`. Throws {@link NoReviewedPlan} when `mergeSha` merges no pull request, when no
 * run previewed its last commit and passed, or when that run's plan is missing or expired.
 */
export async function reviewedRun(target: GitHubTarget, mergeSha: string, workflow: string, stack: string): Promise<ReviewedRun> {
  const pulls = (await gitHubCall(target, "GET", `./commits/${mergeSha}/pulls`)) as PullRequest[];
  const merged = pulls.find((pull) => pull.merged_at !== undefined && pull.merged_at !== null);
  if (merged === undefined) {
    throw new NoReviewedPlan(`${mergeSha} is not the merge of a pull request, so no preview of it was reviewed`);
  }
  const query = `event=pull_request&status=success&head_sha=${merged.head.sha}&per_page=1`;
  const { workflow_runs: runs } = (await gitHubCall(
    target,
    "GET",
    `./actions/workflows/${encodeURIComponent(workflow)}/runs?${query}`,
  )) as { workflow_runs: { id: number }[] };
  const run = runs.at(0);
  if (run === undefined) {
    throw new NoReviewedPlan(`no passing preview of pull request #${merged.number} at its last commit ${merged.head.sha}`);
  }
  const name = planArtifactName(stack);
  const { artifacts } = (await gitHubCall(target, "GET", `./actions/runs/${run.id}/artifacts?name=${encodeURIComponent(name)}`)) as {
    artifacts: { expired?: boolean }[];
  };
  if (!artifacts.some((artifact) => artifact.expired !== true)) {
    throw new NoReviewedPlan(`run ${run.id}, the preview of pull request #${merged.number}, holds no unexpired ${name}`);
  }
  return { pullRequest: merged.number, headSha: merged.head.sha, runId: run.id };
}
