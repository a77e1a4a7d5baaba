import { strict as assert } from "node:assert";
import { NoReviewedPlan, planArtifactName, reviewedRun } from "../../../examples/gitops/pipeline/reviewedRun";
import { startGitHubStub, STUB_TOKEN, type GitHubStub } from "./gitHubStub";

const MERGE = "a".repeat(40);
const HEAD = "b".repeat(40);

/** What the stub's repository o/r holds: pull requests by commit, passing preview runs by head commit, artifacts by run. */
interface Repository {
  pullsOf: Record<string, { number: number; merged_at: string | null; head: { sha: string } }[]>;
  passingRunsOf: Record<string, { id: number }[]>;
  artifactsOf: Record<number, { name: string; expired: boolean }[]>;
}

describe("the GitOps pipeline's lookup of the reviewed plan a merge deploys", () => {
  let stub: GitHubStub;
  let repository: Repository;

  beforeEach(async () => {
    repository = {
      pullsOf: { [MERGE]: [{ number: 7, merged_at: "2026-12-01T10:00:00Z", head: { sha: HEAD } }] },
      passingRunsOf: { [HEAD]: [{ id: 900 }] },
      artifactsOf: { 900: [{ name: planArtifactName("prod"), expired: false }] },
    };
    stub = await startGitHubStub(({ url }) => {
      const pulls = /^\/repos\/o\/r\/commits\/(\w+)\/pulls$/.exec(url.pathname);
      if (pulls) return [200, repository.pullsOf[pulls[1]] ?? []];
      if (url.pathname === "/repos/o/r/actions/workflows/tencent-ci-jobs.yml/runs") {
        const passing = url.searchParams.get("event") === "pull_request" && url.searchParams.get("status") === "success";
        return [200, { workflow_runs: passing ? (repository.passingRunsOf[url.searchParams.get("head_sha") ?? ""] ?? []) : [] }];
      }
      const artifacts = /^\/repos\/o\/r\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
      if (artifacts) {
        const all = repository.artifactsOf[Number(artifacts[1])] ?? [];
        return [200, { artifacts: all.filter((artifact) => artifact.name === url.searchParams.get("name")) }];
      }
      return undefined;
    });
  });

  afterEach(() => stub.close());

  const lookup = () => reviewedRun({ apiUrl: stub.apiUrl, token: STUB_TOKEN, repository: "o/r" }, MERGE, "tencent-ci-jobs.yml", "prod");

  it("finds the passing preview run of the merged pull request's last commit, holding the stack's plan", async () => {
    assert.deepEqual(await lookup(), { pullRequest: 7, headSha: HEAD, runId: 900 });
  });

  it("refuses a push that merges no pull request: nothing was reviewed", async () => {
    repository.pullsOf[MERGE] = [{ number: 8, merged_at: null, head: { sha: HEAD } }];

    await assert.rejects(
      lookup(),
      (error: unknown) => error instanceof NoReviewedPlan && error.message.includes("is not the merge of a pull request"),
    );
  });

  it("refuses when no preview of the pull request's last commit passed, naming the pull request and the commit", async () => {
    repository.passingRunsOf[HEAD] = [];

    await assert.rejects(lookup(), new RegExp(`no passing preview of pull request #7 at its last commit ${HEAD}`));
  });

  it("refuses a run whose plan is missing or expired, and one of another stack", async () => {
    repository.artifactsOf[900] = [
      { name: planArtifactName("prod"), expired: true },
      { name: planArtifactName("staging"), expired: false },
    ];

    await assert.rejects(lookup(), /run 900, the preview of pull request #7, holds no unexpired tencent-ci-plan-prod/);
  });
});
