/**
 * The pipeline's comment on a pull request: one per stack, found again by a hidden marker and
 * edited in place on every push, and cut to fit GitHub's limit on a comment's length.
 *
 * `gh pr comment --edit-last` edits the last comment of the workflow's account, whatever it was
 * (another workflow's, another stack's); the marker names this pipeline and this stack.
 */
import { gitHubCall, type GitHubTarget } from "./github";

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The hidden line that opens the pipeline's comment for `stack`; HTML comments do not render. */
export function commentMarker(stack: string): string {
  return `<!-- tencent-ci-jobs preview of stack ${stack} -->`;
}

/** What a comment body says when it had to be cut. */
function cutNote(fullLength: number, limit: number, fullReportUrl: string | undefined): string {
  const where = fullReportUrl === undefined ? "in the job summary of this run" : `in the [job summary](${fullReportUrl})`;
  // A blank line before the rule: right under a line of text, `---` would make that line a heading.
  return [
    "",
    "",
    "---",
    "",
    `✂️ **Report cut here**: it is ${fullLength.toLocaleString("en-US")} characters, more than the ` +
      `${limit.toLocaleString("en-US")} GitHub allows in a comment. The whole report is ${where}.`,
  ].join("\n");
}

/** Whether `text` leaves a fenced code block open (an odd number of fence lines). */
function opensFence(text: string): boolean {
  return (text.match(/^\s*```/gm) ?? []).length % 2 === 1;
}

/**
 * The comment to post for `report`: the marker line, then the report. A report too long for one
 * comment is cut at the last whole line that fits, a code block left open is closed, and a note
 * says that it was cut, how long the whole report is and where to read it. The result never
 * exceeds `limit` characters (UTF-16 code units, never fewer than the characters GitHub counts).
 */
export function commentBody(report: string, stack: string, options: { fullReportUrl?: string; limit?: number } = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const head = `${commentMarker(stack)}\n`;
  const whole = `${head}${report}`;
  if (whole.length <= limit) return whole;
  const note = cutNote(report.length, limit, options.fullReportUrl);
  const fenceClose = "\n```";
  const budget = limit - head.length - note.length - fenceClose.length;
  if (budget <= 0) throw new Error(`a comment limit of ${limit} characters leaves no room for the report`);
  let kept = report.slice(0, budget);
  const lastLine = kept.lastIndexOf("\n");
  if (lastLine > 0) kept = kept.slice(0, lastLine);
  // A cut inside a surrogate pair would leave half a character.
  else if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${head}${kept}${opensFence(kept) ? fenceClose : ""}${note}`;
}

/** The parts of a GitHub issue comment this module reads. */
export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string } | null;
}

/**
 * The id of the pipeline's comment among a pull request's comments: the newest whose body starts
 * with `marker` (a reply quoting it starts with `>`), written by `author` when one is given.
 */
export function ownComment(comments: readonly IssueComment[], marker: string, author?: string): number | undefined {
  const own = comments.filter(
    (comment) => (comment.body ?? "").startsWith(marker) && (author === undefined || comment.user?.login === author),
  );
  return own.at(-1)?.id;
}

/** Where {@link postComment} writes: the token needs `pull-requests: write`. */
export interface CommentTarget extends GitHubTarget {
  pullRequest: number;
  /** Only a comment by this login counts as the pipeline's own (`github-actions[bot]` for the workflow's token). */
  author?: string;
}

/** Comments per page of the listing, GitHub's maximum. */
const PAGE_SIZE = 100;

/**
 * Edits the pipeline's comment for `stack` on the pull request, found by its marker, or posts it
 * when there is none yet. Resolves to what it did and the comment's id.
 */
export async function postComment(
  target: CommentTarget,
  stack: string,
  body: string,
): Promise<{ action: "created" | "updated"; id: number }> {
  const issue = `./issues/${target.pullRequest}`;
  const comments: IssueComment[] = [];
  for (let page = 1; ; page += 1) {
    const batch = (await gitHubCall(target, "GET", `${issue}/comments?per_page=${PAGE_SIZE}&page=${page}`)) as IssueComment[];
    comments.push(...batch);
    if (batch.length < PAGE_SIZE) break;
  }
  const existing = ownComment(comments, commentMarker(stack), target.author);
  if (existing !== undefined) {
    await gitHubCall(target, "PATCH", `./issues/comments/${existing}`, { body });
    return { action: "updated", id: existing };
  }
  const created = (await gitHubCall(target, "POST", `${issue}/comments`, { body })) as IssueComment;
  return { action: "created", id: created.id };
}
