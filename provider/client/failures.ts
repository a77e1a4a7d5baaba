/**
 * What the client knows about each way a request can fail, in one table: for every connection
 * failure code undici or the system reports, whether retrying may help, whether the request can have
 * reached the service, and how it is said (at length in an error, shortly in a progress line that
 * names the endpoint already). Which failed request is sent again, and when, is decided from these
 * facts in retryPolicy.ts.
 */
import { isCiError } from "./errors";
import type { CiError } from "./errors";

/** How a failure is worded. */
type Wording = "noResponse" | "noConnection" | "refused" | "unresolved" | "deadline" | "failed";

/** The facts about one connection failure code. */
export interface ConnectionFailure {
  /** Sending again may succeed. */
  retryable: boolean;
  /** The request cannot have reached the service: no connection was made. */
  notSent: boolean;
  /** The request ran out of time rather than broke. */
  timedOut: boolean;
  wording: Wording;
}

/** The code given to a request cut off by its call's deadline (undici reports only the signal's reason). */
export const CALL_DEADLINE_CODE = "CallDeadline";

/**
 * Every connection failure code the client knows; any other is {@link unknownFailure}. `""` is a
 * failure that came with no code at all (a socket closed by the other side, say).
 */
export const CONNECTION_FAILURES: Readonly<Record<string, Readonly<ConnectionFailure>>> = Object.freeze({
  "": { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  ECONNRESET: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  ECONNREFUSED: { retryable: true, notSent: true, timedOut: false, wording: "refused" },
  ENOTFOUND: { retryable: true, notSent: true, timedOut: false, wording: "unresolved" },
  EAI_AGAIN: { retryable: true, notSent: true, timedOut: false, wording: "unresolved" },
  ENETDOWN: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  ENETUNREACH: { retryable: true, notSent: true, timedOut: false, wording: "failed" },
  EHOSTDOWN: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  EHOSTUNREACH: { retryable: true, notSent: true, timedOut: false, wording: "failed" },
  EPIPE: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  ETIMEDOUT: { retryable: true, notSent: false, timedOut: true, wording: "noConnection" },
  UND_ERR_SOCKET: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  UND_ERR_CONNECT_TIMEOUT: { retryable: true, notSent: true, timedOut: true, wording: "noConnection" },
  UND_ERR_HEADERS_TIMEOUT: { retryable: true, notSent: false, timedOut: true, wording: "noResponse" },
  UND_ERR_BODY_TIMEOUT: { retryable: true, notSent: false, timedOut: true, wording: "noResponse" },
  UND_ERR_CLOSED: { retryable: true, notSent: false, timedOut: false, wording: "failed" },
  [CALL_DEADLINE_CODE]: { retryable: false, notSent: false, timedOut: true, wording: "deadline" },
});

/**
 * The facts about a code the table does not list: not retried (nothing says it is transient), taken
 * as possibly sent (the only safe guess for a trigger), and a timeout when its name says so.
 */
function unknownFailure(code: string): ConnectionFailure {
  return { retryable: false, notSent: false, timedOut: code.includes("TIMEOUT"), wording: "failed" };
}

/** The facts about `code`. */
export function connectionFailure(code: string): Readonly<ConnectionFailure> {
  return Object.hasOwn(CONNECTION_FAILURES, code) ? CONNECTION_FAILURES[code] : unknownFailure(code);
}

/** The codes undici's retries may retry (undici matches the codes it sees, so the code-less entry is left out). */
export const RETRYABLE_ERROR_CODES: readonly string[] = Object.keys(CONNECTION_FAILURES).filter(
  (code) => code !== "" && CONNECTION_FAILURES[code].retryable,
);

/**
 * Connection failures that happen before a request can have reached the service. Any other failure
 * after sending is ambiguous for a non-idempotent call: the service may have acted on it.
 */
export const NOT_SENT_ERROR_CODES: readonly string[] = Object.keys(CONNECTION_FAILURES).filter((code) => CONNECTION_FAILURES[code].notSent);

/** HTTP statuses that mean "try again later": throttling and server faults. */
export const RETRYABLE_STATUS_CODES: readonly number[] = [429, 500, 502, 503, 504];

/** A connection failure in words, naming the endpoint and ending with undici's or the system's code. */
export function describeFailure(code: string, endpoint: string, timeoutMs?: number, deadlineMs?: number): string {
  const suffix = code === "" ? "" : ` (${code})`;
  switch (connectionFailure(code).wording) {
    case "noResponse":
      return `no response from ${endpoint}${within(timeoutMs)}${suffix}`;
    case "noConnection":
      return `could not connect to ${endpoint} in time${suffix}`;
    case "refused":
      return `${endpoint} refused the connection${suffix}`;
    case "unresolved":
      return `the host of ${endpoint} could not be resolved${suffix}`;
    case "deadline":
      return deadlineMs === undefined
        ? `no answer from ${endpoint} in time`
        : `no answer from ${endpoint} within the call's deadline of ${seconds(deadlineMs)}`;
    case "failed":
      return `the connection to ${endpoint} failed${suffix}`;
  }
}

/**
 * A connection failure in a few words without the endpoint, for progress lines that name it
 * already: `connection refused (ECONNREFUSED)`.
 */
export function shortFailureReason(code: string, timeoutMs?: number): string {
  const suffix = code === "" ? "" : ` (${code})`;
  switch (connectionFailure(code).wording) {
    case "noResponse":
      return `no response${within(timeoutMs)}${suffix}`;
    case "noConnection":
      return `no connection in time${suffix}`;
    case "refused":
      return `connection refused${suffix}`;
    case "unresolved":
      return `host not found${suffix}`;
    case "deadline":
      return "the call's deadline passed";
    case "failed":
      return `connection failed${suffix}`;
  }
}

/**
 * Why an attempt failed, in the words of every retry's progress line, the same for each call: the
 * HTTP status of an error answer (`HTTP 503`; undici's retries see no body, so no call names the
 * service's code there), else the connection failure in a few words.
 */
export function retryReason(failure: { statusCode?: number; code?: string }, timeoutMs?: number): string {
  return failure.statusCode !== undefined ? `HTTP ${failure.statusCode}` : shortFailureReason(failure.code ?? "", timeoutMs);
}

/** The connection error code behind a transport failure, if it was one (an answer with a status has none). */
export function connectionCodeOf(error: CiError): string | undefined {
  if (error.statusCode !== undefined) return undefined;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A service answer that refuses the request because of what it names (a job's state, say), not
 * because of the caller: a 4xx other than those of credentials, permissions and throttling.
 */
export function isRefusalOfTheRequest(error: unknown): error is CiError {
  if (!isCiError(error) || error.statusCode === undefined) return false;
  return error.statusCode >= 400 && error.statusCode < 500 && ![401, 403, 429].includes(error.statusCode);
}

/** An error's own message (the service's, or the client's detail), without the framing `Operation failed: Code: `. */
export function serviceMessage(error: CiError): string {
  return error.message.replace(`${error.operation} failed: ${error.code}: `, "");
}

/** `within 20 s`, or ` in time` when the timeout is not known. */
function within(timeoutMs: number | undefined): string {
  return timeoutMs === undefined ? " in time" : ` within ${seconds(timeoutMs)}`;
}

/** Milliseconds as seconds with one decimal, as every message writes them. */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
