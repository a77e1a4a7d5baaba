/**
 * Seeded randomness: the emulator never calls `Math.random`, so a seed fixes every id it hands out
 * and every fault it injects, and a failing test replays exactly.
 */

/**
 * A small 32-bit generator (mulberry32). Its whole state is one number, which the state file keeps
 * so that a restarted emulator does not hand out the ids it already gave.
 */
export class SeededRandom {
  private current: number;

  constructor(seed: number) {
    this.current = seed >>> 0;
  }

  /** The generator's state, to persist and pass back to {@link SeededRandom.restore}. */
  get state(): number {
    return this.current;
  }

  /** A generator that continues from a saved {@link SeededRandom.state}. */
  static restore(state: number): SeededRandom {
    return new SeededRandom(state);
  }

  /** The next value, uniform in [0, 2^32). */
  nextUint32(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The next value, uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) {
      out += this.nextUint32().toString(16).padStart(8, "0");
    }
    return out.slice(0, length);
  }
}

/**
 * Derives an independent stream from one seed, so that (for example) switching faults on does not
 * change the job ids a test sees.
 */
export function deriveSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const char of stream) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A job id shaped like the service's: `b` and 32 hex digits (e.g. `b3deffea2f84911ec9cb15254008618d9`). */
export function newJobId(random: SeededRandom): string {
  return `b${random.hex(32)}`;
}

/**
 * A request id shaped like the service's `x-ci-request-id`: base64 of
 * `<hex seconds>_<hex>_<hex>_<hex counter>`, as `NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==` decodes to.
 */
export function newRequestId(random: SeededRandom, nowMs: number, counter: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16);
  const text = `${seconds}_${random.hex(8)}_${random.hex(4)}_${counter.toString(16)}`;
  return Buffer.from(text, "utf8").toString("base64");
}
