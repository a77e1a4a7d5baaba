/**
 * Time a test controls, for a `CiClient`'s `now` and `sleep` options: `sleep` records each wait it
 * is asked for and returns at once, moving `now` on by that much; nothing else moves `now`. A
 * backoff, a `Retry-After` or a call's deadline then passes without the test waiting for it.
 */
export interface FakeTime {
  /** Every wait asked for, in order, in ms. */
  readonly waits: number[];
  /** Milliseconds slept so far: the only time that passes. Bound: pass it on as it is. */
  readonly now: () => number;
  /** Records the wait, moves {@link FakeTime.now} on, and lets pending I/O callbacks run. Bound too. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** A {@link FakeTime} starting at 0. */
export function fakeTime(): FakeTime {
  let current = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => current,
    sleep: async (ms) => {
      waits.push(ms);
      current += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
