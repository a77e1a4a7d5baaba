/**
 * The retry policy's pure functions, on their own: waits, deadlines, `Retry-After`, and the one
 * decision on a failed trigger.
 */
import { strict as assert } from "node:assert";
import { CiError } from "../../../provider/client/errors";
import {
  backoffDelayMs,
  decideAfterTriggerFailure,
  DEFAULT_RETRY_POLICY,
  nextRetryDelayMs,
  parseRetryAfterMs,
} from "../../../provider/client/retryPolicy";
import type { RetryPolicyOptions } from "../../../provider/client/retryPolicy";
import { transportError } from "../../../provider/client/transport";

const policy: RetryPolicyOptions = { ...DEFAULT_RETRY_POLICY, random: () => 0.5 };
const clockMs = Date.parse("2026-01-01T00:00:00Z");

describe("the retry policy", () => {
  it("waits a uniform draw below a ceiling that doubles from 200 ms up to 20 s", () => {
    assert.deepEqual(
      [1, 2, 3, 8, 9].map((retry) => backoffDelayMs(retry, policy, clockMs)),
      [100, 200, 400, 10_000, 10_000],
    );
  });

  it("waits as Retry-After asks, in seconds or as an HTTP date on the given clock, capped at the longest wait", () => {
    assert.equal(backoffDelayMs(1, policy, clockMs, "3"), 3000);
    assert.equal(backoffDelayMs(1, policy, clockMs, ["7", "1"]), 7000);
    assert.equal(backoffDelayMs(1, policy, clockMs, new Date(clockMs + 5000).toUTCString()), 5000);
    assert.equal(backoffDelayMs(1, policy, clockMs, "3600"), 20_000);
    assert.equal(parseRetryAfterMs("soon", clockMs), undefined);
    assert.equal(parseRetryAfterMs(" ", clockMs), undefined);
    assert.equal(parseRetryAfterMs(new Date(clockMs - 5000).toUTCString(), clockMs), 0);
  });

  it("gives up once the retries are spent, or when the wait would end past the call's deadline, sooner for an unreachable host", () => {
    assert.equal(nextRetryDelayMs({ retry: 3, elapsedMs: 0, clockMs }, policy), undefined);
    assert.equal(nextRetryDelayMs({ retry: 1, elapsedMs: 0, clockMs }, policy), 100);
    assert.equal(nextRetryDelayMs({ retry: 1, elapsedMs: 89_950, clockMs }, policy), undefined);
    assert.equal(nextRetryDelayMs({ retry: 1, elapsedMs: 14_950, clockMs, code: "ECONNRESET" }, policy), 100);
    assert.equal(nextRetryDelayMs({ retry: 1, elapsedMs: 14_950, clockMs, code: "ECONNREFUSED" }, policy), undefined);
  });
});

describe("decideAfterTriggerFailure", () => {
  const context = { retry: 1, elapsedMs: 0, clockMs, skewResent: false };
  const answered = (statusCode: number, code: string, retryable: boolean) =>
    new CiError({ code, operation: "TriggerJob", detail: "x", statusCode, retryable });

  it("looks the job up after a 5xx or a connection lost after sending, whether or not the failure is retryable", () => {
    assert.deepEqual(decideAfterTriggerFailure(answered(503, "ServiceUnavailable", true), context, policy), { action: "lookUp" });
    assert.deepEqual(decideAfterTriggerFailure(answered(501, "NotImplemented", false), context, policy), { action: "lookUp" });
    assert.deepEqual(decideAfterTriggerFailure(transportError("TriggerJob", { code: "ECONNRESET" }), context, policy), {
      action: "lookUp",
    });
    assert.deepEqual(decideAfterTriggerFailure(transportError("TriggerJob", { code: "UND_ERR_HEADERS_TIMEOUT" }), context, policy), {
      action: "lookUp",
    });
  });

  it("re-sends after the policy's wait what cannot have been acted on: a 429 or a connection never made", () => {
    assert.deepEqual(decideAfterTriggerFailure(answered(429, "SlowDown", true), context, policy), { action: "resend", delayMs: 100 });
    assert.deepEqual(decideAfterTriggerFailure(transportError("TriggerJob", { code: "ECONNREFUSED" }), context, policy), {
      action: "resend",
      delayMs: 100,
    });
  });

  it("re-sends a skewed signing time at once, once per call", () => {
    const skewed = answered(403, "RequestTimeTooSkewed", false);
    assert.deepEqual(decideAfterTriggerFailure(skewed, context, policy), { action: "resend", delayMs: 0 });
    assert.deepEqual(decideAfterTriggerFailure(skewed, { ...context, skewResent: true }, policy), { action: "fail" });
  });

  it("fails a refused request, a spent budget and anything that is not a client error", () => {
    assert.deepEqual(decideAfterTriggerFailure(answered(400, "InvalidArgument", false), context, policy), { action: "fail" });
    assert.deepEqual(decideAfterTriggerFailure(answered(429, "SlowDown", true), { ...context, retry: 3 }, policy), { action: "fail" });
    assert.deepEqual(decideAfterTriggerFailure(new Error("boom"), context, policy), { action: "fail" });
  });
});
