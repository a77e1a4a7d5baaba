import { JOB_LEVEL_MAX, JOB_LEVEL_MIN } from "pulumi-tencent-ci/provider";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link jobLevelMax}. */
export interface JobLevelMaxConfig {
  /** Highest priority a job may ask for. */
  maxJobLevel: number;
}

/**
 * `job-level-max` (advisory): a job asks for at most `maxJobLevel` priority, since a batch job at
 * the top priority runs ahead of every interactive job in the same queue.
 */
export const jobLevelMax = jobPolicy<JobLevelMaxConfig>({
  name: "job-level-max",
  description: "operation.jobLevel must be at most maxJobLevel.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      maxJobLevel: {
        type: "integer",
        minimum: JOB_LEVEL_MIN,
        maximum: JOB_LEVEL_MAX,
        default: 1,
        description: `Highest operation.jobLevel allowed (the service takes ${JOB_LEVEL_MIN} to ${JOB_LEVEL_MAX}; higher runs first).`,
      },
    },
  },
  check: (job, { maxJobLevel }) => {
    const given = isPlainObject(job.operation) ? job.operation.jobLevel : undefined;
    const level = typeof given === "string" && given.trim() !== "" ? Number(given) : given;
    if (typeof level !== "number" || !(level > maxJobLevel)) return [];
    return [{ property: "operation.jobLevel", reason: `operation.jobLevel is ${level}; at most ${maxJobLevel} is allowed (maxJobLevel).` }];
  },
});
