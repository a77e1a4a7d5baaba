/**
 * The emulated service's state and rules: jobs, their life cycles, the catalogue, listing and
 * paging, cancelling, and the faults in force. Handlers only translate HTTP to calls here.
 */
import type { JobState } from "../../provider/model";
import { catalogueFailure, resolveCatalogue } from "./catalogue";
import type { Catalogue } from "./catalogue";
import { InvalidArgumentError, NoSuchJobError } from "./errors";
import { FaultInjector } from "./faultInjector";
import type { FaultOptions } from "./faults";
import { snapshotJob } from "./jobRecord";
import type { EmulatedJob, JobRecord } from "./jobRecord";
import { advance, enterState, isTerminal, planFor, recordRead } from "./lifecycle";
import type { JobFailure, JobPlan, LifecycleOptions } from "./lifecycle";
import { compareJobs, encodePageToken, matchesListQuery } from "./listQuery";
import type { ListParams } from "./listQuery";
import { STATE_FILE_VERSION } from "./persistence";
import type { PersistedState } from "./persistence";
import { deriveSeed, newJobId, SeededRandom } from "./random";
import type { TriggerSpec } from "./triggerValidation";
import type { XmlObject } from "./xmlValue";

/**
 * `Operation` elements that the list sample's `Type=Job` job puts after `UserData`; a filled-in
 * `UserData` goes before the first of them, so the answer keeps the sample's element order.
 */
const AFTER_USER_DATA = [
  "CallBack",
  "CallBackFormat",
  "CallBackType",
  "CallBackMqConfig",
  "CallBackKafkaConfig",
  "Tag",
  "JobParam",
  "Output",
  "JobLevel",
];

/** `operation` with the `UserData` and `JobLevel` a `filledFields` service reports when not sent. */
function filledOperation(operation: XmlObject): XmlObject {
  const filled: XmlObject = {};
  const needsUserData = operation.UserData === undefined;
  let placed = !needsUserData;
  for (const [name, value] of Object.entries(operation)) {
    if (!placed && AFTER_USER_DATA.includes(name)) {
      filled.UserData = "";
      placed = true;
    }
    filled[name] = value;
  }
  if (!placed) {
    filled.UserData = "";
  }
  // JobLevel is last in the sample, so it is appended whatever else was sent.
  filled.JobLevel ??= "0";
  return filled;
}

/** Settings of a {@link CiBackend}. */
export interface BackendOptions {
  /** Wall clock in epoch ms; default `Date.now`. */
  clock?: () => number;
  /** Seed of every generator; default 1. */
  seed?: number;
  catalogue?: Partial<Catalogue>;
  lifecycle?: LifecycleOptions;
  faults?: FaultOptions;
  /** State to start from (a loaded state file). */
  state?: PersistedState;
  /** Called with the new state after every change (the state file writer). */
  onChange?: (state: PersistedState) => void;
}

/** One page of a listing. */
export interface JobPage {
  jobs: EmulatedJob[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** The state and rules of one emulated bucket. */
export class CiBackend {
  /** The faults in force; see {@link CiBackend.setFaults}. */
  readonly faults: FaultInjector;
  private readonly clock: () => number;
  private readonly seed: number;
  private readonly initial: BackendOptions;
  private readonly records = new Map<string, JobRecord>();
  private seq = 0;
  private idRandom: SeededRandom;
  private offsetMs = 0;
  private catalogue: Catalogue;
  private lifecycle: LifecycleOptions;

  constructor(options: BackendOptions = {}) {
    this.initial = options;
    this.clock = options.clock ?? Date.now;
    this.seed = options.seed ?? 1;
    this.idRandom = new SeededRandom(deriveSeed(this.seed, "job-ids"));
    this.faults = new FaultInjector(options.faults ?? {}, new SeededRandom(deriveSeed(this.seed, "faults")));
    this.catalogue = resolveCatalogue(options.catalogue);
    this.lifecycle = options.lifecycle ?? {};
    if (options.state !== undefined) {
      this.seq = options.state.seq;
      this.idRandom = SeededRandom.restore(options.state.idRandomState);
      for (const job of options.state.jobs) {
        this.records.set(job.jobId, job);
      }
    }
  }

  /** The emulator's time: the clock plus whatever {@link CiBackend.advanceTime} added. */
  now(): number {
    return this.clock() + this.offsetMs;
  }

  /** Moves the emulator's time (jobs, signatures, `Date`) by `ms`; returns the new time. */
  advanceTime(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  /** Creates a job from a validated trigger. */
  trigger(spec: TriggerSpec): EmulatedJob {
    const now = this.now();
    this.seq += 1;
    let jobId = newJobId(this.idRandom);
    while (this.records.has(jobId)) {
      jobId = newJobId(this.idRandom);
    }
    const job: JobRecord = {
      seq: this.seq,
      jobId,
      name: spec.name,
      type: spec.type,
      input: spec.input,
      // Filled in once, at trigger time, so that every later answer (query, list) reports the same.
      operation: spec.type === "Job" && this.faults.options.filledFields === true ? filledOperation(spec.operation) : spec.operation,
      workflowIds: spec.workflowIds,
      creationTime: now,
      state: "Submitted",
      code: "Success",
      message: "",
      enteredAt: now,
      readsInState: 0,
      reads: 0,
      plan: planFor(this.lifecycle, spec.name, spec.type, catalogueFailure(spec, this.catalogue)),
    };
    this.records.set(jobId, job);
    // Transitions due at once (afterMs: 0) have happened by the time the service answers.
    advance(job, now);
    this.changed();
    return snapshotJob(job);
  }

  /**
   * A job as a query sees it (the read is counted), or undefined for an unknown id; with the
   * `unknownJob404` fault an unknown id throws {@link NoSuchJobError} instead.
   */
  describe(jobId: string): EmulatedJob | undefined {
    const job = this.records.get(jobId);
    if (job === undefined) {
      if (this.faults.options.unknownJob404 === true) {
        throw new NoSuchJobError(jobId);
      }
      return undefined;
    }
    const now = this.now();
    advance(job, now);
    const seen = snapshotJob(job);
    this.countRead(job, now);
    this.changed();
    return seen;
  }

  /**
   * One page of jobs matching `params`; each job returned counts a read. Under the `listingLagMs`
   * fault a job younger than the lag is left out (and not read), however the query names it.
   */
  list(params: ListParams): JobPage {
    const now = this.now();
    for (const job of this.records.values()) {
      advance(job, now);
    }
    const { listingLagMs = 0, nameMatch } = this.faults.options;
    const sorted = [...this.records.values()].sort(compareJobs);
    const ordered = params.orderByTime === "Asc" ? sorted : sorted.reverse();
    const after = params.after;
    const remaining = ordered.filter((job) => {
      if (job.creationTime + listingLagMs > now || !matchesListQuery(job, params, nameMatch)) {
        return false;
      }
      if (after === undefined) {
        return true;
      }
      const order = job.creationTime - after.creationTime || job.seq - after.seq;
      return params.orderByTime === "Asc" ? order > 0 : order < 0;
    });
    const page = remaining.slice(0, params.size);
    const jobs = page.map(snapshotJob);
    for (const job of page) {
      this.countRead(job, now);
    }
    this.changed();
    const last = page.at(-1);
    const more = remaining.length > page.length && last !== undefined;
    return { jobs, nextToken: more ? encodePageToken({ creationTime: last.creationTime, seq: last.seq }) : undefined };
  }

  /**
   * Cancels a job. `Submitted`, `Running` and `Pause` jobs move to `Cancel`; cancelling a `Cancel`
   * job again succeeds, so a retried PUT after a lost response is harmless. A job that already ended
   * `Success` or `Failed` is left alone and the call fails, as the vendor's Java SDK tests expect
   * ("if the job has already finished or does not exist, an exception is thrown"), with
   * `InvalidArgument`, the service's code for a request its state forbids. Under `refuseCancel:
   * "started"` a `Running` or `Pause` job is refused the same way; under `unknownJob404` an unknown
   * id is {@link NoSuchJobError}.
   */
  cancel(jobId: string): EmulatedJob {
    const job = this.records.get(jobId);
    if (job === undefined) {
      if (this.faults.options.unknownJob404 === true) {
        throw new NoSuchJobError(jobId);
      }
      throw new InvalidArgumentError(`job not exist: ${jobId}`);
    }
    const now = this.now();
    advance(job, now);
    if (job.state === "Cancel") {
      return snapshotJob(job);
    }
    if (isTerminal(job.state)) {
      throw new InvalidArgumentError(`job ${jobId} has already finished (State ${job.state}) and cannot be canceled.`);
    }
    if (this.faults.options.refuseCancel === "started" && (job.state === "Running" || job.state === "Pause")) {
      throw new InvalidArgumentError(`job ${jobId} has already started (State ${job.state}); only jobs not yet started can be canceled.`);
    }
    enterState(job, "Cancel", now);
    this.changed();
    return snapshotJob(job);
  }

  /** Every job, oldest first, with its state as of now; reading them here counts no read. */
  jobs(): EmulatedJob[] {
    const now = this.now();
    const all = [...this.records.values()].sort(compareJobs);
    const changed = all.map((job) => advance(job, now)).some(Boolean);
    if (changed) {
      this.changed();
    }
    return all.map(snapshotJob);
  }

  /** One job as of now, or undefined; counts no read. */
  job(jobId: string): EmulatedJob | undefined {
    return this.jobs().find((job) => job.jobId === jobId);
  }

  /**
   * Purges a job, as the service does after its retention period: from now on queries, listings
   * and cancels know it no more. Throws for an id the emulator never had.
   */
  forget(jobId: string): void {
    this.require(jobId);
    this.records.delete(jobId);
    this.changed();
  }

  /** Back to the state the emulator started with: no jobs, no time offset, the initial settings. */
  reset(): void {
    this.records.clear();
    this.seq = 0;
    this.offsetMs = 0;
    this.idRandom = new SeededRandom(deriveSeed(this.seed, "job-ids"));
    this.faults.setOptions(this.initial.faults ?? {});
    this.catalogue = resolveCatalogue(this.initial.catalogue);
    this.lifecycle = this.initial.lifecycle ?? {};
    this.changed();
  }

  /** Replaces the faults in force; `undefined` switches them off. */
  setFaults(options: FaultOptions | undefined): void {
    this.faults.setOptions(options ?? {});
  }

  /** Replaces the life cycle given to jobs triggered from now on. */
  setLifecycle(options: LifecycleOptions): void {
    this.lifecycle = options;
  }

  /** Replaces the catalogue for jobs triggered from now on (fields given replace the defaults). */
  setCatalogue(catalogue: Partial<Catalogue>): void {
    this.catalogue = resolveCatalogue(catalogue);
  }

  /** Changes one job's transitions and/or failure from now on. */
  setJobPlan(jobId: string, plan: Partial<JobPlan>): void {
    const job = this.require(jobId);
    job.plan = { ...job.plan, ...structuredClone(plan) };
    this.changed();
  }

  /** Makes one job fail instead of succeeding (or instead of starting, with `at: "start"`). */
  failJob(jobId: string, failure: Partial<JobFailure> = {}): void {
    this.setJobPlan(jobId, { failure: { code: "InternalError", message: "job failed", at: "end", ...failure } });
  }

  /** Puts a job straight into `state` now; `failure` gives the code and message of `Failed`. */
  setJobState(jobId: string, state: JobState, failure?: Omit<JobFailure, "at">): void {
    enterState(this.require(jobId), state, this.now(), failure);
    this.changed();
  }

  /** The state to persist. */
  snapshotState(): PersistedState {
    return {
      version: STATE_FILE_VERSION,
      seq: this.seq,
      idRandomState: this.idRandom.state,
      jobs: [...this.records.values()].sort(compareJobs),
    };
  }

  private countRead(job: JobRecord, now: number): void {
    job.reads += 1;
    recordRead(job, now);
  }

  private require(jobId: string): JobRecord {
    const job = this.records.get(jobId);
    if (job === undefined) {
      throw new Error(`no job ${jobId} in the emulator`);
    }
    return job;
  }

  private changed(): void {
    this.initial.onChange?.(this.snapshotState());
  }
}
