/** A stand-in for GitHub's REST API on loopback, answering from a handler the test writes. */
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** The token the stub accepts; any other gets GitHub's 401. */
export const STUB_TOKEN = "t0ken";

/** What the handler sees of one request. */
export interface StubRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/issues/12/comments?per_page=100&page=1`. */
  url: URL;
  /** The decoded JSON body, if any. */
  body: unknown;
}

/** A running stub. */
export interface GitHubStub {
  apiUrl: string;
  /** `METHOD /path?query` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of request) text += (chunk as Buffer).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/** Starts a stub whose answers `handle` gives as `[status, payload]`; `undefined` is GitHub's 404. */
export async function startGitHubStub(handle: (request: StubRequest) => [number, unknown] | undefined): Promise<GitHubStub> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? "/", "http://stub");
      const method = request.method ?? "GET";
      requests.push(`${method} ${url.pathname}${url.search}`);
      const [status, payload] =
        request.headers.authorization === `Bearer ${STUB_TOKEN}`
          ? (handle({ method, url, body }) ?? [404, { message: "Not Found" }])
          : [401, { message: "Bad credentials" }];
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.close();
      await once(server, "close");
    },
  };
}
