import type { Dispatcher } from "undici";
import { CiError, CLIENT_ERROR_CODES } from "./errors";
import { decodeErrorBody } from "../codec/errorBody";
import { endpointHostPort } from "./endpoint";
import { CALL_DEADLINE_CODE, connectionFailure, describeFailure, retryReason, RETRYABLE_STATUS_CODES, seconds } from "./failures";
import { isClockSkewRefusal } from "./retryPolicy";
import type { RetryContext, RetryListener, RetryPolicyOptions } from "./retryPolicy";
import type { RequestSigner } from "../signing/signer";
import type { ClientTime } from "./time";
import { uriEncode } from "../signing/uriEncode";

/** One HTTP call to the CI API, before signing. */
export interface CiRequest {
  /** Operation name for errors, e.g. `DescribeJob`. */
  operation: string;
  method: "GET" | "POST" | "PUT";
  /** Path below the endpoint, already percent-encoded, e.g. `/inventorytriggerjob/b123`. */
  path: string;
  /** Query parameters; an empty value is sent valueless (`?cancel`). */
  query?: Record<string, string>;
  /** XML body of a POST. */
  body?: string;
}

/** A response whose status was 2xx, with its body read in full. */
export interface CiResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  requestId?: string;
}

/** What the transport needs; the client builds it from its options. */
export interface TransportSettings {
  baseUrl: URL;
  signer: RequestSigner;
  securityToken?: string;
  /** Per attempt: longest wait for the response headers, and between two chunks of its body. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** Retries, backoff and the deadline of each call. */
  policy: RetryPolicyOptions;
  /** Told about each retry, for progress lines. */
  onRetry?: RetryListener;
  /** Dispatcher for calls that must not be retried blindly (the trigger). */
  dispatcher: Dispatcher;
  /** Makes the dispatcher that retries one idempotent call (undici's `RetryAgent` over `dispatcher`). */
  retryingDispatcher: (context: RetryContext) => Dispatcher;
  /** The wall clock requests are signed with, the monotonic one deadlines are measured with, and the backoff's wait. */
  time: ClientTime;
}

/** Where one call stands: when it began, for its deadline, and how many attempts it made. */
export interface CallProgress {
  /** When the call began, by the transport's monotonic `time.now`. */
  startedAt: number;
  /** Attempts made so far, this one included. */
  attempts: number;
}

/**
 * Sends signed requests and turns every failure into a {@link CiError}.
 *
 * It also owns clock-skew recovery, as the vendor's SDKs do: when the service rejects a request as
 * too skewed or expired, the offset to the service's `Date` header is kept and the request is signed
 * and sent once more. The offset then applies to every later request of this client.
 */
export class CiTransport {
  // Private fields: the signer holds the key and the token is a credential, so neither may show in
  // `util.inspect` or `JSON.stringify` of this object or of the client holding it.
  readonly #settings: TransportSettings;
  readonly #endpoint: string;
  #clockOffsetMs = 0;

  constructor(settings: TransportSettings) {
    this.#settings = { ...settings };
    this.#endpoint = endpointHostPort(settings.baseUrl);
  }

  /** The endpoint as `host:port`, as errors and progress lines name it. */
  get endpoint(): string {
    return this.#endpoint;
  }

  /**
   * Sends a request. When the service refuses its signing time, the offset to the service's clock is
   * kept for every later request; an idempotent request is then signed and sent once more here,
   * while a trigger's error is thrown for its caller's one decision on re-sending
   * (`decideAfterTriggerFailure`). `call` is the call this request belongs to when the caller
   * retries it itself (the trigger); idempotent requests are retried inside, within the same deadline.
   */
  async send(request: CiRequest, call: CallProgress = this.startCall()): Promise<CiResponse> {
    try {
      return await this.sendOnce(request, call);
    } catch (error) {
      if (!(error instanceof SkewError)) throw error;
      this.#clockOffsetMs = error.serverTimeMs - this.#settings.time.clock();
      if (request.method === "POST") throw error.error;
      try {
        return await this.sendOnce(request, call);
      } catch (second) {
        throw second instanceof SkewError ? second.error : second;
      }
    }
  }

  /** A call beginning now, for {@link CiTransport.send}. */
  startCall(): CallProgress {
    return { startedAt: this.#settings.time.now(), attempts: 0 };
  }

  private async sendOnce(request: CiRequest, call: CallProgress): Promise<CiResponse> {
    const { baseUrl, signer, securityToken, timeoutMs, policy, time } = this.#settings;
    const url = new URL(request.path, baseUrl);
    const query = request.query ?? {};
    const search = Object.entries(query)
      .map(([key, value]) => (value === "" ? uriEncode(key) : `${uriEncode(key)}=${uriEncode(value)}`))
      .join("&");
    const headers: Record<string, string> = { host: url.host };
    if (request.body !== undefined) {
      headers["content-type"] = "application/xml";
      headers["content-length"] = String(Buffer.byteLength(request.body));
    }
    if (securityToken !== undefined && securityToken !== "") headers["x-ci-security-token"] = securityToken;
    const nowSeconds = Math.floor((time.clock() + this.#clockOffsetMs) / 1000);
    headers.authorization = signer.sign({ method: request.method, path: url.pathname, query, headers }, nowSeconds);

    call.attempts += 1;
    const dispatcher =
      request.method === "POST"
        ? this.#settings.dispatcher
        : this.#settings.retryingDispatcher({
            startedAt: call.startedAt,
            time,
            onRetry: (retry, delayMs, failure) => {
              call.attempts += 1;
              this.#settings.onRetry?.({
                operation: request.operation,
                endpoint: this.#endpoint,
                attempt: retry + 1,
                maxAttempts: policy.maxRetries + 1,
                delayMs,
                reason: retryReason(failure, timeoutMs),
              });
            },
          });
    // The call's deadline cuts off whatever attempt is running when it passes, body included: what
    // is left of it by the injected clock, then on a real timer, as it bounds real I/O.
    const remaining = Math.max(1, Math.ceil(call.startedAt + policy.callDeadlineMs - time.now()));
    const where: FailureContext = { endpoint: this.#endpoint, timeoutMs, deadlineMs: policy.callDeadlineMs, call, now: time.now };
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        origin: url.origin,
        path: url.pathname + (search === "" ? "" : `?${search}`),
        method: request.method,
        headers,
        body: request.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(remaining),
      });
    } catch (cause) {
      throw transportError(request.operation, cause, where);
    }
    const body = await this.readCapped(request.operation, response, where);
    const requestId = headerValue(response.headers["x-ci-request-id"]);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { statusCode: response.statusCode, headers: response.headers, body, requestId };
    }
    // Retry-After is kept for the trigger, whose re-sends wait as the service asks (the RetryAgent reads it itself).
    const error = serviceError(request.operation, response.statusCode, body, requestId, headerValue(response.headers["retry-after"]));
    const serverDate = Date.parse(headerValue(response.headers.date) ?? "");
    if (isClockSkewRefusal(error) && !Number.isNaN(serverDate)) throw new SkewError(error, serverDate);
    throw error;
  }

  private async readCapped(operation: string, response: Dispatcher.ResponseData, where: FailureContext): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.#settings.maxResponseBytes) {
          response.body.destroy();
          throw new CiError({
            code: CLIENT_ERROR_CODES.responseTooLarge,
            operation,
            detail: `response body exceeded ${this.#settings.maxResponseBytes} bytes`,
            statusCode: response.statusCode,
            fault: "server",
          });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (cause) {
      if (cause instanceof CiError) throw cause;
      throw transportError(operation, cause, where);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
}

/** Thrown inside the transport to request one resync; never escapes it. */
class SkewError extends Error {
  constructor(
    readonly error: CiError,
    readonly serverTimeMs: number,
  ) {
    super(error.message);
  }
}

function serviceError(operation: string, statusCode: number, body: string, headerRequestId?: string, retryAfter?: string): CiError {
  let decoded: ReturnType<typeof decodeErrorBody>;
  try {
    decoded = decodeErrorBody(body);
  } catch {
    decoded = undefined;
  }
  const retryable = RETRYABLE_STATUS_CODES.includes(statusCode);
  if (decoded?.code === undefined) {
    return new CiError({
      code: CLIENT_ERROR_CODES.httpError,
      operation,
      detail: `the service answered HTTP ${statusCode} without an error body`,
      statusCode,
      requestId: headerRequestId,
      retryable,
      retryAfter,
    });
  }
  return new CiError({
    code: decoded.code,
    operation,
    detail: decoded.message === undefined || decoded.message === "" ? "(no message)" : decoded.message,
    statusCode,
    requestId: decoded.requestId ?? headerRequestId,
    traceId: decoded.traceId,
    retryable,
    retryAfter,
  });
}

/** Where a failed request was going, for its error message. */
export interface FailureContext {
  /** `host:port`. */
  endpoint: string;
  /** The per-attempt timeout, in ms. */
  timeoutMs: number;
  /** The call's deadline, in ms. */
  deadlineMs: number;
  /** The call the request belongs to. */
  call: CallProgress;
  /** The monotonic clock `call.startedAt` was read from, for the time the call gave up after. */
  now: () => number;
}

/**
 * Maps an undici failure to a {@link CiError} naming the call and the endpoint. `maybeSent` tells the
 * duplicate-safe trigger whether the service may have received the request.
 */
export function transportError(operation: string, cause: unknown, where?: FailureContext): CiError {
  const raw = cause as { code?: unknown; name?: unknown } | undefined;
  const code = typeof raw?.code === "string" ? raw.code : raw?.name === "TimeoutError" ? CALL_DEADLINE_CODE : "";
  const failure = connectionFailure(code);
  const endpoint = where?.endpoint ?? "the endpoint";
  let detail = describeFailure(code, endpoint, where?.timeoutMs, where?.deadlineMs);
  if (where !== undefined && where.call.attempts > 1) {
    detail += `; gave up after ${where.call.attempts} attempts in ${seconds(where.now() - where.call.startedAt)}`;
  }
  return new CiError({
    code: failure.timedOut ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.connection,
    operation,
    detail,
    endpoint: where?.endpoint,
    retryable: failure.retryable,
    fault: "server",
    maybeSent: !failure.notSent,
    cause,
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
