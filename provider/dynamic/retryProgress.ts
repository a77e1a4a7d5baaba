import type { RetryEvent } from "../client/retryPolicy";

/**
 * The progress line for one retry, as the engine shows provider stderr on the resource's step:
 * which call, where, why the last attempt failed, which attempt comes next and after how long.
 */
export function retryProgressLine(event: RetryEvent): string {
  const wait = event.delayMs < 1000 ? `${event.delayMs} ms` : `${Math.round(event.delayMs / 100) / 10} s`;
  return `[tencent-ci] ${event.operation} to ${event.endpoint}: ${event.reason}; attempt ${event.attempt} of ${event.maxAttempts} in ${wait}`;
}
