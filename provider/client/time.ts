import { setTimeout as delay } from "node:timers/promises";

/**
 * The client's sources of time. Each is injectable through `CiClientOptions`, so that tests
 * neither wait out a backoff nor patch globals; {@link SYSTEM_TIME} holds the only defaults.
 *
 * undici's own I/O timeouts (response headers, body chunks, connecting) and the signal that cuts a
 * request off at its call's deadline stay on real timers: they bound how long real I/O may take.
 * The length of that signal is what is left of the deadline by {@link ClientTime.now}.
 */
export interface ClientTime {
  /**
   * Wall clock, in ms since the epoch: the time requests are signed with, and what a `Retry-After`
   * given as an HTTP date is measured from. Never used for deadlines, so that a skewed clock (as
   * tests fake one) neither shortens nor stretches a call.
   */
  clock: () => number;
  /**
   * Monotonic time in ms from any origin: when a call began, how long it may still run before its
   * deadline, and the "gave up after N attempts in X s" of its error.
   */
  now: () => number;
  /** Waits `ms` before a retry: the backoff, or the `Retry-After` the service asked for. */
  sleep: (ms: number) => Promise<void>;
}

/** The real clocks and timers, the client's defaults. */
export const SYSTEM_TIME: Readonly<ClientTime> = Object.freeze({
  clock: () => Date.now(),
  now: () => performance.now(),
  sleep: (ms: number) => delay(ms),
});
