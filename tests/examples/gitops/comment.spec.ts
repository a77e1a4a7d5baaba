import { strict as assert } from "node:assert";
import {
  commentBody,
  commentMarker,
  GITHUB_COMMENT_LIMIT,
  ownComment,
  postComment,
  type IssueComment,
} from "../../../examples/gitops/pipeline/comment";
import { startGitHubStub, STUB_TOKEN, type GitHubStub } from "./gitHubStub";

const BOT = "github-actions[bot]";

/** A report of `lines` table rows, about 80 characters each. */
function longReport(lines: number): string {
  const rows = Array.from(
    { length: lines },
    (_, i) => `| job-${String(i).padStart(6, "0")} | runs (new job) | prefix "videos/${i}/" | w7476ff3564ee45b7b490d64 |`,
  );
  return [
    "## Tencent CI jobs: preview of `prod`",
    "",
    "| resource | what happens | input | workflows |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

describe("the GitOps pipeline's pull-request comment", () => {
  describe("its body", () => {
    it("opens with the stack's hidden marker and keeps a report that fits whole", () => {
      const body = commentBody("## Tencent CI jobs: preview of `prod`\n\nNo job changes.", "prod");

      assert.equal(body, `${commentMarker("prod")}\n## Tencent CI jobs: preview of \`prod\`\n\nNo job changes.`);
      assert.match(commentMarker("prod"), /^<!--.*prod.*-->$/);
    });

    it("cuts a report longer than GitHub's 65,536 characters at a line end, within the limit, and says so with the whole length and where to read it", () => {
      const report = longReport(2000);
      assert.ok(report.length > GITHUB_COMMENT_LIMIT);

      const body = commentBody(report, "prod", { fullReportUrl: "https://github.com/o/r/actions/runs/7" });

      assert.ok(body.length <= GITHUB_COMMENT_LIMIT, `${body.length} characters`);
      assert.ok(body.length > GITHUB_COMMENT_LIMIT - 500, `only ${body.length} characters kept`);
      const [kept, note] = body.split("\n\n---\n\n");
      assert.ok(report.startsWith(kept.slice(commentMarker("prod").length + 1)), "the kept part is not the start of the report");
      assert.match(kept, /\|$/, "cut inside a line");
      assert.match(note, new RegExp(`Report cut here.*${report.length.toLocaleString("en-US")} characters, more than the 65,536`));
      assert.match(note, /\[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\)/);
    });

    it("closes a code block the cut leaves open", () => {
      const report = ["## Error", "", "```", ...Array.from({ length: 200 }, (_, i) => `engine line ${i}`), "```"].join("\n");

      const body = commentBody(report, "prod", { limit: 1000 });

      assert.ok(body.length <= 1000, `${body.length} characters`);
      const fences = body.split("\n").filter((line) => line.startsWith("```")).length;
      assert.equal(fences % 2, 0, body);
    });

    it("never ends on half of a character outside the basic plane when a single line is cut", () => {
      const body = commentBody("😀".repeat(40_000), "prod");

      assert.ok(body.length <= GITHUB_COMMENT_LIMIT);
      assert.doesNotMatch(body.split("\n")[1], /[\uD800-\uDBFF]$/);
    });
  });

  describe("finding its own comment", () => {
    const marker = commentMarker("prod");
    const comments: IssueComment[] = [
      { id: 1, body: `${marker}\nold report`, user: { login: BOT } },
      { id: 2, body: `${commentMarker("staging")}\nreport of another stack`, user: { login: BOT } },
      { id: 3, body: `> ${marker}\n> quoted by a reviewer`, user: { login: "reviewer" } },
      { id: 4, body: "Coverage: 93%", user: { login: BOT } },
    ];

    it("takes the comment that opens with the stack's marker, not the account's last comment nor another stack's", () => {
      assert.equal(ownComment(comments, marker), 1);
      assert.equal(ownComment(comments, marker, BOT), 1);
    });

    it("finds none where only a quote or another author carries the marker", () => {
      assert.equal(ownComment(comments.slice(1), marker), undefined);
      assert.equal(ownComment(comments, marker, "someone-else"), undefined);
    });
  });

  describe("posting it", () => {
    let stub: GitHubStub;
    /** The comments of pull request 12 of o/r, as the stub holds them. */
    let stored: IssueComment[];

    beforeEach(async () => {
      stored = [];
      stub = await startGitHubStub(({ method, url, body }) => {
        if (url.pathname === "/repos/o/r/issues/12/comments" && method === "GET") {
          const size = Number(url.searchParams.get("per_page"));
          const page = Number(url.searchParams.get("page"));
          return [200, stored.slice((page - 1) * size, page * size)];
        }
        if (url.pathname === "/repos/o/r/issues/12/comments" && method === "POST") {
          const comment = { id: 1000 + stored.length, body: (body as { body: string }).body, user: { login: BOT } };
          stored.push(comment);
          return [201, comment];
        }
        const found = stored.find((comment) => `/repos/o/r/issues/comments/${comment.id}` === url.pathname);
        if (found === undefined || method !== "PATCH") return undefined;
        found.body = (body as { body: string }).body;
        return [200, found];
      });
    });

    afterEach(() => stub.close());

    const target = () => ({ apiUrl: stub.apiUrl, token: STUB_TOKEN, repository: "o/r", pullRequest: 12, author: BOT });

    it("posts a new comment when the pull request has none of its own", async () => {
      stored.push({ id: 1, body: "LGTM", user: { login: "reviewer" } });

      const result = await postComment(target(), "prod", commentBody("report 1", "prod"));

      assert.equal(result.action, "created");
      assert.deepEqual(
        stored.map((comment) => comment.body),
        ["LGTM", `${commentMarker("prod")}\nreport 1`],
      );
    });

    it("edits its own comment found on a later page, and leaves the account's later comments alone", async () => {
      for (let i = 0; i < 150; i += 1) stored.push({ id: i + 1, body: `comment ${i}`, user: { login: "reviewer" } });
      stored.push({ id: 500, body: `${commentMarker("prod")}\nreport 1`, user: { login: BOT } });
      stored.push({ id: 501, body: "Coverage: 93%", user: { login: BOT } });

      const result = await postComment(target(), "prod", commentBody("report 2", "prod"));

      assert.deepEqual(result, { action: "updated", id: 500 });
      assert.equal(stored.find((comment) => comment.id === 500)?.body, `${commentMarker("prod")}\nreport 2`);
      assert.equal(stored.find((comment) => comment.id === 501)?.body, "Coverage: 93%");
      assert.equal(stored.length, 152);
      assert.ok(stub.requests.includes("GET /repos/o/r/issues/12/comments?per_page=100&page=2"), stub.requests.join("\n"));
    });

    it("fails naming the call and the status when GitHub refuses", async () => {
      await assert.rejects(
        postComment({ ...target(), token: "wrong" }, "prod", "x"),
        /GET \/repos\/o\/r\/issues\/12\/comments.* failed: HTTP 401/,
      );
    });
  });
});
