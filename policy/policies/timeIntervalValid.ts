import { parseServiceTime, validateTimeInterval, type ValidationFailure } from "pulumi-tencent-ci/provider";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link timeIntervalValid}. */
export interface TimeIntervalValidConfig {
  /** Longest upload-time window a job may scan, in days. */
  maxWindowDays: number;
  /** Fail a job that gives no window at all, which scans objects of any age. */
  requireTimeInterval: boolean;
}

const DAY_MS = 86_400_000;
const PROPERTY = "operation.timeInterval";

/**
 * Default `maxWindowDays`: a year and a day. The service sets no limit, and the trigger page's own
 * sample scans 89 days (2022-02-01 to 2022-05-01), so the default only stops a window of years;
 * a pipeline wanting smaller batches sets a lower value.
 */
export const DEFAULT_MAX_WINDOW_DAYS = 366;

/**
 * `time-interval-valid` (mandatory): the upload-time window has both ends in the service's format,
 * its start not after its end, and spans at most `maxWindowDays`.
 */
export const timeIntervalValid = jobPolicy<TimeIntervalValidConfig>({
  name: "time-interval-valid",
  description: "operation.timeInterval must give start and end as 2022-02-01T12:00:00+0800, start not after end, within maxWindowDays.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxWindowDays: {
        type: "number",
        exclusiveMinimum: 0,
        default: DEFAULT_MAX_WINDOW_DAYS,
        description: "Longest window from start to end, in days.",
      },
      requireTimeInterval: {
        type: "boolean",
        default: false,
        description: "Fail jobs without operation.timeInterval, which scan objects uploaded at any time.",
      },
    },
  },
  check: (job, config) => {
    const interval = isPlainObject(job.operation) ? job.operation.timeInterval : undefined;
    if (interval === undefined || interval === null) {
      return config.requireTimeInterval
        ? [{ property: PROPERTY, reason: `${PROPERTY} is required: bound the upload times of the objects the job scans.` }]
        : [];
    }
    const failures: ValidationFailure[] = validateTimeInterval(interval, PROPERTY);
    if (!isPlainObject(interval)) return failures;
    // The service takes an open end, but an open window has no length to bound.
    for (const end of ["start", "end"] as const) {
      if (interval[end] === undefined || interval[end] === null) {
        failures.push({
          property: `${PROPERTY}.${end}`,
          reason: `${PROPERTY}.${end} is missing: give both ends so the window is bounded.`,
        });
      }
    }
    const start = typeof interval.start === "string" ? parseServiceTime(interval.start) : undefined;
    const end = typeof interval.end === "string" ? parseServiceTime(interval.end) : undefined;
    if (start !== undefined && end !== undefined && end.getTime() > start.getTime()) {
      const days = (end.getTime() - start.getTime()) / DAY_MS;
      if (days > config.maxWindowDays) {
        failures.push({
          property: PROPERTY,
          reason: `${PROPERTY} spans ${formatDays(days)} days; at most ${config.maxWindowDays} are allowed (maxWindowDays).`,
        });
      }
    }
    return failures;
  },
});

function formatDays(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(2);
}
