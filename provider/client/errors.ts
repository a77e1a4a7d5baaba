/**
 * The one error class of the CI client.
 *
 * Modelled on the AWS SDK's service exceptions: the service's own error code is kept verbatim, next
 * to the HTTP status, the request id and whether the fault is the caller's or the service's.
 * Messages never contain credentials: they are built only from the operation name, the service's
 * code and message, and values the client chose itself.
 */

/** Codes the client itself raises (the service's codes pass through unchanged). */
export const CLIENT_ERROR_CODES = {
  /** The options given to the client are unusable (missing credentials, bad endpoint). */
  invalidConfiguration: "InvalidConfiguration",
  /** A request was refused before sending because an argument is invalid. */
  invalidArgument: "ClientInvalidArgument",
  /** The connection failed or was reset. */
  connection: "ConnectionError",
  /** No response arrived within the timeout. */
  timeout: "RequestTimeout",
  /** The response body exceeded the size cap. */
  responseTooLarge: "ResponseTooLarge",
  /** The response could not be decoded (not XML, wrong root, wrong content). */
  malformedResponse: "MalformedResponse",
  /** An error status came back without a service error body. */
  httpError: "HttpError",
} as const;

/** Which side a failure is attributed to, as in the AWS SDK's `$fault`. */
export type Fault = "client" | "server";

/** Fields of a {@link CiError}. */
export interface CiErrorDetails {
  /** The service's error code (e.g. `InvalidArgument`), or one of {@link CLIENT_ERROR_CODES}. */
  code: string;
  /** The operation that failed, e.g. `TriggerJob`. */
  operation: string;
  /** The service's message, or the client's description of the failure. */
  detail: string;
  /** The endpoint called, as `host:port`; never carries credentials (endpoints with user info are refused). */
  endpoint?: string;
  statusCode?: number;
  requestId?: string;
  traceId?: string;
  /** Whether sending the same request again may succeed. */
  retryable?: boolean;
  fault?: Fault;
  /** See {@link CiError.maybeSent}. */
  maybeSent?: boolean;
  /** See {@link CiError.retryAfter}. */
  retryAfter?: string;
  cause?: unknown;
}

/** An error from the CI client: a service error response, a transport failure or a refused argument. */
export class CiError extends Error {
  /** The service's error code, or one of {@link CLIENT_ERROR_CODES}. */
  readonly code: string;
  /** The operation that failed, e.g. `TriggerJob`. */
  readonly operation: string;
  /** The endpoint called, as `host:port`, when a request was made. */
  readonly endpoint?: string;
  /** HTTP status of the response, when one arrived. */
  readonly statusCode?: number;
  /** The service's request id (`x-ci-request-id` or `<RequestId>`), for support tickets. */
  readonly requestId?: string;
  /** The service's trace id, when the error body carries one. */
  readonly traceId?: string;
  /** Whether sending the same request again may succeed (throttling, 5xx, connection failures). */
  readonly retryable: boolean;
  /** Whether the caller (`client`) or the service (`server`) is at fault. */
  readonly fault: Fault;
  /**
   * Whether the service may have received the request, for a call that must not be sent twice
   * (the trigger). `true`: the connection broke or went silent after sending, or a trigger got a
   * 5xx; the caller looks the job up by name instead of sending again
   * (`provider/dynamic/triggerOnce.ts`). `false`: the request never left (connection refused,
   * unknown host), so sending it again is safe. Set on connection failures by the transport and on
   * an ambiguous trigger by the client; absent on other service error responses.
   */
  readonly maybeSent?: boolean;
  /**
   * The `Retry-After` header of the error response, verbatim (delta-seconds or an HTTP date). The
   * client's own re-send of a trigger waits as it asks; undici's `RetryAgent` reads the header itself
   * for the idempotent calls.
   */
  readonly retryAfter?: string;

  constructor(details: CiErrorDetails) {
    const status = details.statusCode === undefined ? "" : ` (HTTP ${details.statusCode}`;
    const request = details.requestId === undefined ? "" : `, request id ${details.requestId}`;
    const suffix = status === "" ? (request === "" ? "" : ` (${request.slice(2)})`) : `${status}${request})`;
    super(`${details.operation} failed: ${details.code}: ${details.detail}${suffix}`, { cause: details.cause });
    this.name = "CiError";
    this.code = details.code;
    this.operation = details.operation;
    this.endpoint = details.endpoint;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
    this.traceId = details.traceId;
    this.retryable = details.retryable ?? false;
    this.fault = details.fault ?? (details.statusCode !== undefined && details.statusCode >= 500 ? "server" : "client");
    if (details.maybeSent !== undefined) this.maybeSent = details.maybeSent;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
  }
}

/** Whether a value is a {@link CiError}, also across copies of this module. */
export function isCiError(value: unknown): value is CiError {
  return value instanceof CiError || (value instanceof Error && value.name === "CiError" && "code" in value);
}

/**
 * Service codes that, with HTTP 404, mean the job named in the path does not exist (never was, or
 * was purged). The pages document only `NonExistJobIds` for an unknown id; COS answers 404 with a
 * `NoSuch…` code for what it does not know, so a service that does the same for jobs is plausible.
 * A 404 with any other code (`NoSuchBucket`, `NoSuchKey` for a wrong path) is a fault of the
 * endpoint, never a gone job: taking it for one would mark every job of a stack gone.
 */
export const GONE_JOB_ERROR_CODES: readonly string[] = ["NoSuchJob", "NoSuchJobId", "JobNotExist", "JobNotFound"];

/** Whether an error says that the job it was about does not exist; see {@link GONE_JOB_ERROR_CODES}. */
export function isJobGoneError(error: unknown): boolean {
  return isCiError(error) && error.statusCode === 404 && GONE_JOB_ERROR_CODES.includes(error.code);
}
