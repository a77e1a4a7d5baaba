import type { Dispatcher } from "undici";
import { CiError, CLIENT_ERROR_CODES } from "./errors";
import { decodeErrorBody } from "./codec/errorBody";
import { RETRYABLE_ERROR_CODES, RETRYABLE_STATUS_CODES, NOT_SENT_ERROR_CODES } from "./retryPolicy";
import type { RequestSigner } from "./signer";
import { uriEncode } from "./uriEncode";

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
  timeoutMs: number;
  maxResponseBytes: number;
  /** Dispatcher for calls that must not be retried blindly (the trigger). */
  dispatcher: Dispatcher;
  /** Dispatcher that retries idempotent calls (undici's `RetryAgent` over `dispatcher`). */
  retryingDispatcher: Dispatcher;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/**
 * Sends signed requests and turns every failure into a {@link CiError}.
 *
 * It also owns clock-skew recovery, as the vendor's SDKs do: when the service rejects a request as
 * too skewed or expired, the offset to the service's `Date` header is kept and the request is signed
 * and sent once more. The offset then applies to every later request of this client.
 */
export class CiTransport {
  private clockOffsetMs = 0;

  constructor(private readonly settings: TransportSettings) {}

  /** The current correction applied to the local clock, in ms (for diagnostics and tests). */
  get clockOffset(): number {
    return this.clockOffsetMs;
  }

  /** Sends a request, resyncing the clock once if the service says it is skewed. */
  async send(request: CiRequest): Promise<CiResponse> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      if (error instanceof SkewError) {
        this.clockOffsetMs = error.serverTimeMs - this.settings.clock();
        try {
          return await this.sendOnce(request);
        } catch (second) {
          throw second instanceof SkewError ? second.error : second;
        }
      }
      throw error;
    }
  }

  private async sendOnce(request: CiRequest): Promise<CiResponse> {
    const { baseUrl, signer, securityToken, timeoutMs } = this.settings;
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
    const nowSeconds = Math.floor((this.settings.clock() + this.clockOffsetMs) / 1000);
    headers.authorization = signer.sign({ method: request.method, path: url.pathname, query, headers }, nowSeconds);

    const dispatcher = request.method === "POST" ? this.settings.dispatcher : this.settings.retryingDispatcher;
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
      });
    } catch (cause) {
      throw transportError(request.operation, cause);
    }
    const body = await this.readCapped(request.operation, response);
    const requestId = headerValue(response.headers["x-ci-request-id"]);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { statusCode: response.statusCode, headers: response.headers, body, requestId };
    }
    const error = serviceError(request.operation, response.statusCode, body, requestId);
    const serverDate = Date.parse(headerValue(response.headers.date) ?? "");
    if (isSkewError(error) && !Number.isNaN(serverDate)) throw new SkewError(error, serverDate);
    // Kept for the trigger, whose re-sends wait as the service asks (the RetryAgent reads it itself).
    const retryAfter = headerValue(response.headers["retry-after"]);
    throw retryAfter === undefined ? error : Object.assign(error, { retryAfter });
  }

  private async readCapped(operation: string, response: Dispatcher.ResponseData): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.settings.maxResponseBytes) {
          response.body.destroy();
          throw new CiError({
            code: CLIENT_ERROR_CODES.responseTooLarge,
            operation,
            detail: `response body exceeded ${this.settings.maxResponseBytes} bytes`,
            statusCode: response.statusCode,
            fault: "server",
          });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (cause) {
      if (cause instanceof CiError) throw cause;
      throw transportError(operation, cause);
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

function isSkewError(error: CiError): boolean {
  return error.code === "RequestTimeTooSkewed" || (error.statusCode === 403 && /expired/i.test(error.message));
}

function serviceError(operation: string, statusCode: number, body: string, headerRequestId?: string): CiError {
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
  });
}

/**
 * Maps an undici failure to a {@link CiError}. `maybeSent` tells the duplicate-safe trigger whether
 * the service may have received the request.
 */
export function transportError(operation: string, cause: unknown): CiError & { maybeSent: boolean } {
  const code = (cause as { code?: string } | undefined)?.code ?? "";
  const timedOut = /TIMEOUT|ETIMEDOUT/.test(code);
  const error = new CiError({
    code: timedOut ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.connection,
    operation,
    detail: `${timedOut ? "no response in time" : "the connection failed"}${code === "" ? "" : ` (${code})`}`,
    retryable: code === "" || RETRYABLE_ERROR_CODES.includes(code),
    fault: "server",
    cause,
  });
  return Object.assign(error, { maybeSent: !NOT_SENT_ERROR_CODES.includes(code) });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

