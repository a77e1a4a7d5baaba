/** The few calls of GitHub's REST API the pipeline makes, through `fetch`. */

/** Where and as whom the pipeline calls GitHub. */
export interface GitHubTarget {
  /** The REST API root, `$GITHUB_API_URL` (https://api.github.com on github.com). */
  apiUrl: string;
  /** The workflow's token (`github.token`), with the permissions the call needs. */
  token: string;
  /** `owner/name`, `$GITHUB_REPOSITORY`. */
  repository: string;
  /** The HTTP client; the global `fetch` unless given. */
  fetch?: typeof fetch;
}

/**
 * Calls `method path` (a path under `/repos/<repository>` when it starts with `./`) and resolves
 * to the decoded JSON answer; a status other than 2xx throws, naming the call and the status.
 */
export async function gitHubCall(target: GitHubTarget, method: string, path: string, payload?: object): Promise<unknown> {
  const send = target.fetch ?? fetch;
  const fullPath = path.startsWith("./") ? `/repos/${target.repository}${path.slice(1)}` : path;
  const response = await send(`${target.apiUrl.replace(/\/$/, "")}${fullPath}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${target.token}`,
      "x-github-api-version": "2022-11-28",
      ...(payload === undefined ? {} : { "content-type": "application/json" }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (!response.ok) throw new Error(`${method} ${fullPath} failed: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
