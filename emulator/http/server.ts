/**
 * The HTTP side: reads each request, applies faults, checks the signature, dispatches to the
 * route, and answers with the headers the service sends (`Content-Type: application/xml`,
 * `x-ci-request-id`, `Date`, `Server: tencent-ci`). Every request is logged.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { CiBackend } from "../service/backend";
import { BadDigestError, EntityTooLargeError, InternalError, InvalidArgumentError, ServiceError } from "../service/errors";
import type { HandlerResult } from "./handlers";
import { newRequestId } from "../service/random";
import type { SeededRandom } from "../service/random";
import type { RequestLog, RequestLogEntry } from "./requestLog";
import { errorResponse } from "./responses";
import { matchRoute } from "./routes";
import type { SignatureVerifier } from "./signatureVerifier";
import { formatHttpDate } from "../service/timeFormat";

/** Largest request body accepted; triggers are a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the server needs. */
export interface ServerParts {
  backend: CiBackend;
  verifier: SignatureVerifier;
  requests: RequestLog;
  /** Generator of request and trace ids. */
  random: SeededRandom;
}

/** A parsed request target. */
interface Target {
  path: string;
  decodedPath: string;
  pairs: [string, string][];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidArgumentError(`'${text}' is not valid percent-encoding.`);
  }
}

/**
 * Splits the target into path and query. `+` stays a plus: the COS signature encodes spaces as
 * `%20` (RFC 3986), so a client that sends `+` for a space signs something other than it sends.
 */
function parseTarget(url: string): Target {
  const question = url.indexOf("?");
  const path = question < 0 ? url : url.slice(0, question);
  const search = question < 0 ? "" : url.slice(question + 1);
  const pairs = search
    .split("&")
    .filter((part) => part !== "")
    .map((part): [string, string] => {
      const equals = part.indexOf("=");
      return equals < 0 ? [decode(part), ""] : [decode(part.slice(0, equals)), decode(part.slice(equals + 1))];
    });
  return { path, decodedPath: decode(path), pairs };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    request.on("end", () => (size > MAX_BODY_BYTES ? reject(new EntityTooLargeError()) : resolve(Buffer.concat(chunks))));
    request.on("error", reject);
  });
}

function checkContentMd5(request: IncomingMessage, body: Buffer): void {
  const sent = request.headers["content-md5"];
  if (sent !== undefined && sent !== createHash("md5").update(body).digest("base64")) {
    throw new BadDigestError();
  }
}

/** Creates the emulator's HTTP server (not yet listening). */
export function createCiServer(parts: ServerParts): Server {
  const { backend, verifier, requests, random } = parts;
  let counter = 0;

  function send(response: ServerResponse, status: number, body: string, requestId: string, extra: Record<string, string>) {
    response.writeHead(status, {
      ...extra,
      "Content-Type": "application/xml",
      "Content-Length": Buffer.byteLength(body),
      Date: formatHttpDate(backend.now()),
      Server: "tencent-ci",
      "x-ci-request-id": requestId,
    });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    counter += 1;
    const received = backend.now();
    const requestId = newRequestId(random, received, counter);
    const method = (request.method ?? "GET").toUpperCase();
    const entry: RequestLogEntry = { method, path: request.url ?? "/", query: {}, time: received, status: 0, requestId, reset: false };
    let result: HandlerResult | undefined;
    let failure: ServiceError | undefined;
    try {
      const body = await readBody(request);
      const target = parseTarget(request.url ?? "/");
      entry.path = target.path;
      entry.query = Object.fromEntries(target.pairs);
      const query = new Map<string, string>();
      for (const [name, value] of target.pairs) {
        if (!query.has(name)) {
          query.set(name, value);
        }
      }
      const match = matchRoute(method, target.decodedPath, query);
      const operation = match instanceof ServiceError ? undefined : match.route.operation;
      entry.operation = operation;
      const latencyMs = backend.faults.latencyMs();
      // No timer without latency: even a zero-ms timer waits for the next turn of the event loop.
      await (latencyMs > 0 ? delay(latencyMs) : Promise.resolve());
      const injected = backend.faults.errorFor(operation);
      if (injected !== undefined) {
        throw injected;
      }
      verifier.verify({ method, path: target.decodedPath, query: target.pairs, headers: request.headers }, backend.now());
      checkContentMd5(request, body);
      if (match instanceof ServiceError) {
        throw match;
      }
      result = match.route.handler({ backend, jobId: match.jobId, query, body: body.toString("utf8"), requestId });
      if (result.committed && operation === "CreateInventoryTriggerJob" && backend.faults.resetAfterCommit()) {
        entry.reset = true;
        requests.add(entry);
        request.socket.destroy();
        return;
      }
    } catch (error) {
      failure = error instanceof ServiceError ? error : new InternalError(`Internal error: ${(error as Error).message}`);
    }
    if (failure !== undefined) {
      const traceId = Buffer.from(random.hex(48), "utf8").toString("base64");
      entry.status = failure.statusCode;
      entry.errorCode = failure.code;
      send(response, failure.statusCode, errorResponse(failure, requestId, traceId), requestId, { ...failure.headers });
    } else if (result !== undefined) {
      entry.status = result.status;
      send(response, result.status, result.body, requestId, {});
    }
    requests.add(entry);
  }

  return createServer((request, response) => {
    // A failure past the answer (a log listener writing to a closed stdout) must not crash the server.
    handle(request, response).catch(() => response.destroy());
  });
}
