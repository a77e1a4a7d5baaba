/**
 * Applies the faults in force, request by request, driven by a seeded generator so that a seed
 * replays the same faults.
 */
import { InternalError, ServiceUnavailableError, SlowDownError } from "./errors";
import type { ServiceError } from "./errors";
import { validateFaults } from "./faults";
import type { FaultOptions, FaultStatus, OperationName } from "./faults";
import type { SeededRandom } from "./random";

/** Decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  private settings: FaultOptions;
  /** Triggers committed since the faults in force were set, for {@link FaultOptions.resetAfterCommits}. */
  private commits = 0;
  /** Requests still to throttle, for {@link FaultOptions.throttleStorm}. */
  private stormLeft: number;

  constructor(
    options: FaultOptions,
    private readonly random: SeededRandom,
  ) {
    validateFaults(options);
    this.settings = options;
    this.stormLeft = options.throttleStorm ?? 0;
  }

  /** The faults in force. */
  get options(): FaultOptions {
    return this.settings;
  }

  /** Replaces the faults in force. */
  setOptions(options: FaultOptions): void {
    validateFaults(options);
    this.settings = options;
    this.commits = 0;
    this.stormLeft = options.throttleStorm ?? 0;
  }

  /** Delay before answering this request, in ms. */
  latencyMs(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.settings;
    return jitterMs > 0 ? latencyMs + this.random.next() * jitterMs : latencyMs;
  }

  /** An error to answer instead of serving the request, or undefined to serve it; call once per request. */
  errorFor(operation: OperationName | undefined): ServiceError | undefined {
    if (this.stormLeft > 0) {
      // Drawn before the rates and without touching the generator, so a storm does not shift the
      // seeded sequence of the faults that follow it.
      this.stormLeft -= 1;
      return this.errorOf("429");
    }
    const perOperation = operation === undefined ? undefined : this.settings.operations?.[operation]?.errorRates;
    const rates = perOperation ?? this.settings.errorRates ?? {};
    const statuses = (Object.keys(rates) as FaultStatus[]).filter((status) => (rates[status] ?? 0) > 0).sort();
    if (statuses.length === 0) {
      return undefined;
    }
    const draw = this.random.next();
    let threshold = 0;
    for (const status of statuses) {
      threshold += rates[status] ?? 0;
      if (draw < threshold) {
        return this.errorOf(status);
      }
    }
    return undefined;
  }

  /** Whether this trigger's connection is destroyed after its job is created. */
  resetAfterCommit(): boolean {
    this.commits += 1;
    if (this.settings.resetAfterCommits?.includes(this.commits) === true) {
      return true;
    }
    const rate = this.settings.resetAfterCommitRate ?? 0;
    return rate > 0 && this.random.next() < rate;
  }

  private errorOf(status: FaultStatus): ServiceError {
    const retryAfter = this.settings.retryAfterSeconds ?? 1;
    switch (status) {
      case "429":
        return new SlowDownError(retryAfter);
      case "503":
        return new ServiceUnavailableError(retryAfter);
      default:
        return new InternalError();
    }
  }
}
