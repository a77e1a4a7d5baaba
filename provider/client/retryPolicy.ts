import type { RetryHandler } from "undici";
import { isCiError } from "./errors";
import { connectionCodeOf, NOT_SENT_ERROR_CODES, RETRYABLE_ERROR_CODES, RETRYABLE_STATUS_CODES } from "./failures";
import type { ClientTime } from "./time";

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
  /**
   * No retry starts later than this many ms after a call began, and the call is cut off there: a
   * black-hole endpoint then fails the call in bounded time however many retries are allowed.
   */
  callDeadlineMs: number;
  /**
   * The same bound for failures that never reached a server (connection refused, unknown host,
   * no connection in time). A host in that state is rarely back within seconds, so retrying it
   * longer would only delay the error that tells the user what is wrong.
   */
  unreachableDeadlineMs: number;
}

/**
 * Defaults: 3 attempts, 200 ms doubling to at most 20 s; no retry after 90 s of a call, nor after
 * 15 s of an unreachable endpoint (so that, with the CLI's own start-up, a deploy against a refused
 * port or an unknown host fails within 30 s).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = {
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  callDeadlineMs: 90_000,
  unreachableDeadlineMs: 15_000,
};

/** One retry about to happen, for progress lines: attempt `attempt` of `maxAttempts` starts after `delayMs`. */
export interface RetryEvent {
  /** The call, e.g. `ListJobs`. */
  operation: string;
  /** The endpoint as `host:port`. */
  endpoint: string;
  /** Number of the attempt about to start (2 for the first retry). */
  attempt: number;
  /** Most attempts the call may make. */
  maxAttempts: number;
  /** Wait before that attempt, in ms. */
  delayMs: number;
  /** Why the previous attempt failed, e.g. `HTTP 503` or `no response within 20 s`. */
  reason: string;
}

/** Receives {@link RetryEvent}s; must not throw. */
export type RetryListener = (event: RetryEvent) => void;

/** What decides whether and when a failed attempt is retried. */
export interface RetryCandidate {
  /** The retry about to happen, from 1. */
  retry: number;
  /** Time since the call began, in ms. */
  elapsedMs: number;
  /** The wall clock now, in ms since the epoch, which a `Retry-After` given as an HTTP date is measured from. */
  clockMs: number;
  /** The connection error code of the failure, if it was one. */
  code?: string;
  /** `Retry-After` of the failed response, if any. */
  retryAfter?: string | string[];
}

/**
 * The wait before the next attempt, or `undefined` when the call must give up: retries exhausted,
 * or the wait would end past the call's deadline (the shorter one for an unreachable endpoint).
 * Whether the failure is retryable at all is the caller's judgement.
 */
export function nextRetryDelayMs(candidate: RetryCandidate, policy: RetryPolicyOptions): number | undefined {
  if (candidate.retry > policy.maxRetries) return undefined;
  const delay = backoffDelayMs(candidate.retry, policy, candidate.clockMs, candidate.retryAfter);
  const unreachable = candidate.code !== undefined && NOT_SENT_ERROR_CODES.includes(candidate.code);
  const deadline = unreachable ? Math.min(policy.unreachableDeadlineMs, policy.callDeadlineMs) : policy.callDeadlineMs;
  return candidate.elapsedMs + delay >= deadline ? undefined : delay;
}

/**
 * Exponential backoff with full jitter (a uniform wait in [0, ceiling]), which spreads clients out
 * after a shared failure better than fixed or "equal" jitter. A `Retry-After` from the service wins
 * when present, capped so a hostile value cannot stall a deployment. `clockMs` is the wall clock now,
 * for a `Retry-After` given as an HTTP date.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicyOptions, clockMs: number, retryAfter?: string | string[]): number {
  const fromHeader = parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, clockMs);
  if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/**
 * `Retry-After` as milliseconds: delta-seconds, or an HTTP date measured from `nowMs` (the wall clock,
 * in ms since the epoch); undefined when absent or unusable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** What one call's retries report to and are measured from. */
export interface RetryContext {
  /** When the call began, by `time.now`. */
  startedAt: number;
  /** The clocks the call's retries are measured with, and the wait before each. */
  time: ClientTime;
  /** Called before each retry is scheduled. */
  onRetry: (retry: number, delayMs: number, error: { code?: string; statusCode?: number }) => void;
}

/**
 * Options for undici's `RetryAgent`, which performs the retries of idempotent calls. Only GET and PUT
 * (our cancel) are retried: a trigger (POST) has no idempotency token, so its retries go through the
 * client's duplicate-safe path instead. `throwOnError: false` hands the last error response to the
 * caller so the service's own error code is kept. A `RetryAgent` is made per call with these
 * options, so that its retries know the call they report on and the deadline they run against.
 */
export function undiciRetryOptions(policy: RetryPolicyOptions, context: RetryContext): RetryHandler.RetryOptions {
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
      const code = retryableStatus ? undefined : error.code;
      const delay =
        retryableStatus || retryableCode
          ? nextRetryDelayMs(
              {
                retry: state.counter,
                elapsedMs: context.time.now() - context.startedAt,
                clockMs: context.time.clock(),
                code,
                retryAfter: error.headers?.["retry-after"],
              },
              policy,
            )
          : undefined;
      if (delay === undefined) {
        callback(err);
        return;
      }
      context.onRetry(state.counter, delay, { code, statusCode: retryableStatus ? error.statusCode : undefined });
      context.time.sleep(delay).then(
        () => callback(null),
        (failure: unknown) => callback(failure instanceof Error ? failure : new Error(String(failure))),
      );
    },
  };
}

/**
 * What to do after a trigger (POST) failed, the one place that decides it: a trigger has no
 * idempotency token, so a second send may be a second bucket-wide job.
 *
 * - `resend` after `delayMs`: the request provably did not reach the service, or the service refused
 *   it before acting on it (a refused connection, an unknown host, 429 throttling, a signature the
 *   service found skewed, once, after the transport has taken the service's clock).
 * - `lookUp`: the service may have created the job (a 5xx, a connection lost or silent after
 *   sending). Nothing is sent again before a look-up has had the whole visibility window to find it
 *   (`provider/dynamic/triggerOnce.ts`).
 * - `fail`: anything else (a refused request, retries or the deadline spent).
 */
export type TriggerFailureDecision = { action: "resend"; delayMs: number } | { action: "lookUp" } | { action: "fail" };

/** Where a trigger stands when one of its sends failed, for {@link decideAfterTriggerFailure}. */
export interface TriggerFailureContext extends Omit<RetryCandidate, "code" | "retryAfter"> {
  /** Whether a send of this call was already repeated because the service found its signing time skewed. */
  skewResent: boolean;
}

/** Decides the next step after a failed trigger; see {@link TriggerFailureDecision}. */
export function decideAfterTriggerFailure(
  error: unknown,
  context: TriggerFailureContext,
  policy: RetryPolicyOptions,
): TriggerFailureDecision {
  if (!isCiError(error)) return { action: "fail" };
  if (isClockSkewRefusal(error)) return context.skewResent ? { action: "fail" } : { action: "resend", delayMs: 0 };
  // Before the retryable test: a job that may exist is looked for whatever the failure was.
  if (mayHaveReachedService(error)) return { action: "lookUp" };
  if (!error.retryable) return { action: "fail" };
  const delayMs = nextRetryDelayMs({ ...context, code: connectionCodeOf(error), retryAfter: error.retryAfter }, policy);
  return delayMs === undefined ? { action: "fail" } : { action: "resend", delayMs };
}

/**
 * Whether a failed request may have reached the service and been acted on: the transport says so
 * for connection failures; an answer of 5xx may come from a gateway after the service committed.
 * A 429 is throttling, answered before the service acts.
 */
export function mayHaveReachedService(error: { maybeSent?: boolean; statusCode?: number }): boolean {
  return error.maybeSent ?? (error.statusCode !== undefined && error.statusCode >= 500);
}

/**
 * A refusal of the signing time (`RequestTimeTooSkewed`, or `AccessDenied` "Request has expired"):
 * the service checks the signature before acting, so the request did nothing, and the same request
 * signed with the service's clock may pass.
 */
export function isClockSkewRefusal(error: { code?: string; statusCode?: number; message: string }): boolean {
  return error.code === "RequestTimeTooSkewed" || (error.statusCode === 403 && /expired/i.test(error.message));
}
