/**
 * A job's life cycle as data: transitions that fire after time spent in a state or after a number
 * of reads in it, whichever comes first, and an optional failure. Tests override it globally, per
 * job name pattern, or per job.
 *
 * A read is a query of the job or its appearance in a list page. A read sees the state the job is
 * in, then counts: with `afterReads: 1` the first query still shows `Submitted` and the next one
 * `Running`, the same for queries and lists (a list filtered on `Submitted` never shows `Running`).
 */
import type { JobState, JobType } from "../../provider/model";

/** One step of a life cycle. */
export interface Transition {
  from: JobState;
  to: JobState;
  /** Fires this long after the job entered `from` (on the emulator's clock). */
  afterMs?: number;
  /** Fires once the job has been read this many times in `from`. */
  afterReads?: number;
}

/** How a job that fails ends. */
export interface JobFailure {
  /** `JobsDetail/Code` of the failed job. */
  code: string;
  /** `JobsDetail/Message` of the failed job. */
  message: string;
  /**
   * `start`: the job fails instead of starting (what an unknown workflow does);
   * `end`: it runs and fails instead of succeeding. Default `end`.
   */
  at?: "start" | "end";
}

/** The resolved life cycle of one job; kept with the job (and in the state file). */
export interface JobPlan {
  transitions: Transition[];
  failure?: JobFailure;
}

/** A rule that gives matching jobs their own transitions and/or makes them fail. */
export interface LifecycleRule {
  /** Matches the job name: a string matches exactly, a RegExp by `test`. */
  name?: string | RegExp;
  /** Matches the job type. */
  type?: JobType;
  /** Replaces the default transitions for matching jobs. */
  transitions?: Transition[];
  /** Makes matching jobs fail; `code` defaults to `InternalError`. */
  fail?: Partial<JobFailure>;
}

/** Life-cycle settings of an emulator. */
export interface LifecycleOptions {
  /** Transitions for jobs no rule matches; default {@link DEFAULT_TRANSITIONS}. */
  transitions?: Transition[];
  /** Checked in order at trigger time; the first match applies. */
  rules?: LifecycleRule[];
}

/** Submitted, then Running after 1 s or one read, then Success after 3 s or two reads. */
export const DEFAULT_TRANSITIONS: readonly Transition[] = [
  { from: "Submitted", to: "Running", afterMs: 1000, afterReads: 1 },
  { from: "Running", to: "Success", afterMs: 3000, afterReads: 2 },
];

/** The default failure of a job that a rule makes fail. */
export const DEFAULT_FAILURE: JobFailure = { code: "InternalError", message: "job failed", at: "end" };

function ruleMatches(rule: LifecycleRule, name: string, type: JobType): boolean {
  if (rule.type !== undefined && rule.type !== type) {
    return false;
  }
  if (rule.name === undefined) {
    return true;
  }
  if (typeof rule.name === "string") {
    return rule.name === name;
  }
  rule.name.lastIndex = 0;
  return rule.name.test(name);
}

/**
 * The plan of a new job: the first matching rule, else the defaults; `catalogueFailure` (an unknown
 * workflow, queue or template) wins over a rule's failure, as the service would never get that far.
 */
export function planFor(options: LifecycleOptions, name: string, type: JobType, catalogueFailure?: JobFailure): JobPlan {
  const rule = (options.rules ?? []).find((candidate) => ruleMatches(candidate, name, type));
  const transitions = (rule?.transitions ?? options.transitions ?? DEFAULT_TRANSITIONS).map((step) => ({ ...step }));
  const ruleFailure = rule?.fail === undefined ? undefined : { ...DEFAULT_FAILURE, ...rule.fail };
  return { transitions, failure: catalogueFailure ?? ruleFailure };
}

/** The parts of a job the life cycle moves. */
export interface LifecycleState {
  state: JobState;
  code: string;
  message: string;
  startTime?: number;
  endTime?: number;
  /** When the job entered `state`. */
  enteredAt: number;
  /** Reads since the job entered `state`. */
  readsInState: number;
  plan: JobPlan;
}

const TERMINAL: readonly JobState[] = ["Success", "Failed", "Cancel"];

/** Whether a job in this state never changes again. */
export function isTerminal(state: JobState): boolean {
  return TERMINAL.includes(state);
}

/** Moves a job into `state` at `at`, setting the times the service reports. */
export function enterState(job: LifecycleState, state: JobState, at: number, failure?: JobFailure): void {
  job.state = state;
  job.enteredAt = at;
  job.readsInState = 0;
  if (state === "Running" && job.startTime === undefined) {
    job.startTime = at;
  }
  if (isTerminal(state)) {
    job.endTime = at;
    job.startTime ??= at;
  }
  job.code = state === "Failed" ? (failure?.code ?? DEFAULT_FAILURE.code) : "Success";
  job.message = state === "Failed" ? (failure?.message ?? DEFAULT_FAILURE.message) : "";
}

/** Where a transition really leads, given the job's failure. */
function destination(job: LifecycleState, step: Transition): JobState {
  const failure = job.plan.failure;
  if (failure === undefined) {
    return step.to;
  }
  if (step.to === "Success" || ((failure.at ?? "end") === "start" && step.to === "Running")) {
    return "Failed";
  }
  return step.to;
}

/**
 * Fires every transition that is due at `now`, in order: time-based ones at the instant they fell
 * due (so the times reported do not depend on when the job is looked at), read-based ones now.
 * Returns whether the job changed.
 */
export function advance(job: LifecycleState, now: number): boolean {
  let changed = false;
  for (let guard = 0; guard < 100 && !isTerminal(job.state); guard += 1) {
    const step = job.plan.transitions.find((candidate) => candidate.from === job.state);
    if (step === undefined) {
      break;
    }
    const byReads = step.afterReads !== undefined && job.readsInState >= step.afterReads;
    const dueAt = step.afterMs === undefined ? undefined : job.enteredAt + step.afterMs;
    if (!byReads && (dueAt === undefined || dueAt > now)) {
      break;
    }
    const at = byReads ? (dueAt === undefined ? now : Math.min(dueAt, now)) : (dueAt as number);
    enterState(job, destination(job, step), at, job.plan.failure);
    changed = true;
  }
  return changed;
}

/** Counts one read of the job at `now` and fires what it makes due. */
export function recordRead(job: LifecycleState, now: number): void {
  advance(job, now);
  if (!isTerminal(job.state)) {
    job.readsInState += 1;
    advance(job, now);
  }
}
