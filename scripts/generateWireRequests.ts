/**
 * Produces `tests/fixtures/wire/<operation>.http`: one request per operation (trigger, describe,
 * list with a query, cancel) exactly as the real `CiClient` sends it to
 * `https://<bucket>.ci.<region>.myqcloud.com`, on a frozen clock. The bytes are caught by a small
 * loopback server that the client's connections are routed to, so what is recorded is what undici
 * writes on the socket, headers it adds included.
 *
 * Each file holds the request line, the headers sorted by name and, after a blank line, the body;
 * lines end in LF (the wire's CRLF would only make the files awkward to read and diff). The
 * `q-signature` of `Authorization` is redacted: on a frozen clock the rest of the header (key id,
 * sign and key times, signed header and parameter lists) is fixed and kept, while the signature is
 * 40 hex digits no reader can check by eye. It is checked instead, before redaction, by the
 * emulator's own verifier, which is written independently of the client's signer.
 *
 * Run after a build: `node dist/scripts/generateWireRequests.js` (rewrites the files), or
 * `npm run fixtures:wire`. Pass `--check` to fail instead when a file differs from what the client
 * sends now; `tests/provider/client/wireRequests.spec.ts` does the same comparison.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { Agent, buildConnector } from "undici";
import { DEMO_CREDENTIALS, SignatureVerifier } from "../emulator";
import { CiClient } from "../provider/client/ciClient";
import { querySampleWorkflowJob, triggerPageWorkflowRequest } from "../tests/support/samples";
import { encodeJobsResponse } from "../tests/support/wireCodec";

/** The operations recorded, each in `<operation>.http`. */
export const WIRE_OPERATIONS = ["trigger", "describe", "list", "cancel"] as const;

/** One of {@link WIRE_OPERATIONS}. */
export type WireOperation = (typeof WIRE_OPERATIONS)[number];

/** Where the files live, relative to the repository root. */
export const WIRE_FIXTURES_DIR = "tests/fixtures/wire";

/** The frozen clock: 2022-06-27T07:23:10.000Z, the creation time of the vendor's samples. */
export const WIRE_CLOCK_MS = Date.UTC(2022, 5, 27, 7, 23, 10);

/** What replaces the signature in the files. */
export const REDACTED_SIGNATURE = "q-signature=<redacted>";

const REGION = "ap-guangzhou";
const BUCKET = "media-1250000000";
const JOB_ID = querySampleWorkflowJob().jobId;

/** One request as the loopback server read it. */
interface CapturedRequest {
  method: string;
  url: string;
  httpVersion: string;
  rawHeaders: string[];
  body: string;
}

function readRequest(request: IncomingMessage): Promise<CapturedRequest> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("error", fail);
    request.on("end", () =>
      done({
        method: request.method ?? "",
        url: request.url ?? "",
        httpVersion: request.httpVersion,
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
  });
}

/** The answer the service would give, enough for the client to finish the call. */
function answerFor(request: CapturedRequest): string {
  const requestId = "NjJiOTIyZWVfOTBmYTUwNjRfNzdjY18x";
  if (request.method === "PUT") return `<Response><RequestId>${requestId}</RequestId></Response>`;
  const list = request.method === "GET" && !request.url.startsWith(`/inventorytriggerjob/`);
  return encodeJobsResponse({ requestId, jobs: [querySampleWorkflowJob()], nonExistJobIds: [], nextToken: list ? "" : undefined });
}

function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) pairs.push([rawHeaders[i].toLowerCase(), rawHeaders[i + 1]]);
  return pairs;
}

/**
 * Checks the signature with the emulator's verifier (it throws the service's error when it does not
 * match), so that redacting it hides nothing wrong.
 */
function verifySignature(request: CapturedRequest): void {
  const [path, search = ""] = request.url.split("?", 2);
  // Decoded by hand, not by URLSearchParams, which would read a `+` as a space where COS reads a plus.
  const query = search
    .split("&")
    .filter((part) => part !== "")
    .map((part): [string, string] => {
      const [name, value = ""] = part.split("=", 2);
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
  const headers: Record<string, string> = Object.fromEntries(headerPairs(request.rawHeaders));
  new SignatureVerifier([DEMO_CREDENTIALS]).verify(
    { method: request.method, path: decodeURIComponent(path), query, headers },
    WIRE_CLOCK_MS,
  );
}

/** The file text of one request: request line, sorted headers, blank line, body. */
export function renderRequest(request: CapturedRequest): string {
  const headers = headerPairs(request.rawHeaders)
    .map(([name, value]): [string, string] => [
      name,
      name === "authorization" ? value.replace(/q-signature=[0-9a-f]+/, REDACTED_SIGNATURE) : value,
    ])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}: ${value}\n`)
    .join("");
  return `${request.method} ${request.url} HTTP/${request.httpVersion}\n${headers}\n${request.body}`;
}

/** Sends each operation once through the real client and returns each request's file text. */
export async function captureWireRequests(): Promise<Record<WireOperation, string>> {
  const captured: CapturedRequest[] = [];
  const server = createServer((request, response) => {
    void readRequest(request).then((read) => {
      captured.push(read);
      const body = answerFor(read);
      response.writeHead(200, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body), "x-ci-request-id": "wire" });
      response.end(body);
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const port = String((server.address() as AddressInfo).port);
  // The client addresses the real endpoint; only the socket is opened to the loopback server, in
  // plain text, so the request (its Host header, its signature) is the one the service would get.
  const connect = buildConnector({});
  const dispatcher = new Agent({
    connect: (options, callback) => {
      connect({ ...options, protocol: "http:", hostname: "127.0.0.1", host: `127.0.0.1:${port}`, port, servername: undefined }, callback);
    },
  });
  const client = new CiClient({
    ...DEMO_CREDENTIALS,
    region: REGION,
    bucket: BUCKET,
    dispatcher,
    maxRetries: 0,
    clock: () => WIRE_CLOCK_MS,
  });
  try {
    const sent: Record<WireOperation, () => Promise<unknown>> = {
      trigger: () => client.triggerJob(triggerPageWorkflowRequest()),
      describe: () => client.describeJob(JOB_ID),
      list: () =>
        client.listJobsPage({
          type: "Workflow",
          orderByTime: "Asc",
          states: ["Running", "Success"],
          size: 50,
          startCreationTime: "2022-06-27T00:00:00+0800",
          workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
          name: "批次-nightly_1",
        }),
      cancel: () => client.cancelJob(JOB_ID),
    };
    const files = {} as Record<WireOperation, string>;
    for (const operation of WIRE_OPERATIONS) {
      const before = captured.length;
      await sent[operation]();
      if (captured.length !== before + 1) throw new Error(`${operation} sent ${captured.length - before} requests, not 1`);
      const request = captured[before];
      verifySignature(request);
      files[operation] = renderRequest(request);
    }
    return files;
  } finally {
    await client.close();
    await dispatcher.close();
    await new Promise<void>((closed) => server.close(() => closed()));
  }
}

/** The path of one operation's file. */
export function wireFixturePath(root: string, operation: WireOperation): string {
  return resolve(root, WIRE_FIXTURES_DIR, `${operation}.http`);
}

async function main(argv: string[]): Promise<void> {
  const root = resolve(__dirname, "..", "..");
  const files = await captureWireRequests();
  const stale = WIRE_OPERATIONS.filter((operation) => {
    try {
      return readFileSync(wireFixturePath(root, operation), "utf8") !== files[operation];
    } catch {
      return true;
    }
  });
  if (argv.includes("--check")) {
    for (const operation of stale) process.stderr.write(`${WIRE_FIXTURES_DIR}/${operation}.http is out of date: rerun without --check\n`);
    process.exitCode = stale.length === 0 ? 0 : 1;
    return;
  }
  mkdirSync(resolve(root, WIRE_FIXTURES_DIR), { recursive: true });
  for (const operation of WIRE_OPERATIONS) writeFileSync(wireFixturePath(root, operation), files[operation]);
  process.stdout.write(`wrote ${WIRE_OPERATIONS.length} files to ${WIRE_FIXTURES_DIR} (${stale.length} changed)\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
