import type { RetryHandler } from "undici";

/** How failed requests are retried. */
export interface RetryPolicyOptions {
  /** Retries after the first attempt; default 2, so at most 3 attempts. */
  maxRetries: number;
  /** First backoff ceiling in ms; doubles each retry. */
  baseDelayMs: number;
  /** Largest wait between attempts in ms, also the cap on `Retry-After`. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1), injectable so tests are deterministic. */
  random?: () => number;
}

/** Defaults: 3 attempts, 200 ms doubling to at most 20 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 20_000 };

/** HTTP statuses that mean "try again later": throttling and server faults. */
export const RETRYABLE_STATUS_CODES: readonly number[] = [429, 500, 502, 503, 504];

/** Connection failures worth retrying; undici's own list plus its timeouts. */
export const RETRYABLE_ERROR_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
];

/**
 * Connection failures that happen before a request can have reached the service. Any other failure
 * after sending is ambiguous for a non-idempotent call: the service may have acted on it.
 */
export const NOT_SENT_ERROR_CODES: readonly string[] = ["ECONNREFUSED", "ENOTFOUND", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"];

/**
 * Exponential backoff with full jitter (a uniform wait in [0, ceiling]), which spreads clients out
 * after a shared failure better than fixed or "equal" jitter. A `Retry-After` from the service wins
 * when present, capped so a hostile value cannot stall a deployment.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicyOptions, retryAfter?: string | string[]): number {
  const fromHeader = parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unusable. */
export function parseRetryAfterMs(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Options for undici's `RetryAgent`, which performs the retries of idempotent calls. Only GET and PUT
 * (our cancel) are retried: a trigger (POST) has no idempotency token, so its retries go through the
 * client's duplicate-safe path instead. `throwOnError: false` hands the last error response to the
 * caller so the service's own error code is kept.
 */
export function undiciRetryOptions(policy: RetryPolicyOptions): RetryHandler.RetryOptions {
  return {
    methods: ["GET", "PUT"],
    statusCodes: [...RETRYABLE_STATUS_CODES],
    errorCodes: [...RETRYABLE_ERROR_CODES],
    maxRetries: policy.maxRetries,
    throwOnError: false,
    retry(err, { state }, callback) {
      const error = err as Error & { code?: string; statusCode?: number; headers?: Record<string, string | string[]> };
      const retryableStatus = error.statusCode !== undefined && RETRYABLE_STATUS_CODES.includes(error.statusCode);
      const retryableCode = error.code !== undefined && RETRYABLE_ERROR_CODES.includes(error.code);
      if ((!retryableStatus && !retryableCode) || state.counter > policy.maxRetries) {
        callback(err);
        return;
      }
      setTimeout(() => callback(null), backoffDelayMs(state.counter, policy, error.headers?.["retry-after"]));
    },
  };
}
