import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { stringList } from "../config";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject, isUnknown } from "../props";
import { readStackRegion } from "../stackRegion";

/** Settings of {@link outputBucketAllowed}. */
export interface OutputBucketAllowedConfig {
  /** Buckets (`name-APPID`) jobs may write to; unset lets every bucket pass. */
  allowedOutputBuckets?: string[];
  /** Regions jobs may write to; unset lets every region pass. */
  allowedOutputRegions?: string[];
  /**
   * Require the output region to be the job's own region. Off by default: the service writes across
   * regions, and the list page's sample job, run in ap-beijing, writes to ap-chongqing.
   */
  requireJobRegion: boolean;
}

/**
 * Builds `output-bucket-allowed` with the given source of the region a job runs in when its
 * resource names none (tests pass a fixed one).
 */
export function createOutputBucketAllowed(stackRegion: () => string | undefined): ResourceValidationPolicy {
  return jobPolicy<OutputBucketAllowedConfig>({
    name: "output-bucket-allowed",
    description:
      "Job output must go to a bucket and region in allowedOutputBuckets/allowedOutputRegions, and, with requireJobRegion, to the job's own region.",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        allowedOutputBuckets: stringList("Buckets (BucketName-APPID) job output may be written to. Unset: any bucket."),
        allowedOutputRegions: stringList("Regions job output may be written to. Unset: any region."),
        requireJobRegion: {
          type: "boolean",
          default: false,
          description: "Require operation.output.region to equal the job's region (its region input, else stack config tencent-ci:region).",
        },
      },
    },
    check: (job, config) => {
      const output = isPlainObject(job.operation) ? job.operation.output : undefined;
      if (!isPlainObject(output)) return [];
      const failures: ValidationFailure[] = [];
      const { bucket, region } = output;
      if (config.allowedOutputBuckets !== undefined && typeof bucket === "string" && !config.allowedOutputBuckets.includes(bucket)) {
        failures.push({
          property: "operation.output.bucket",
          reason: `operation.output.bucket is ${bucket}, which is not in allowedOutputBuckets.`,
        });
      }
      if (config.allowedOutputRegions !== undefined && typeof region === "string" && !config.allowedOutputRegions.includes(region)) {
        failures.push({
          property: "operation.output.region",
          reason: `operation.output.region is ${region}, which is not in allowedOutputRegions.`,
        });
      }
      if (config.requireJobRegion && typeof region === "string" && !isUnknown(job.region)) {
        const jobRegion = typeof job.region === "string" && job.region !== "" ? job.region : stackRegion();
        // With no region known for the job there is nothing to compare with; the provider then fails on its own.
        if (jobRegion !== undefined && region !== jobRegion) {
          failures.push({
            property: "operation.output.region",
            reason: `operation.output.region is ${region} but the job runs in ${jobRegion}; write output to the job's region, or set requireJobRegion to false.`,
          });
        }
      }
      return failures;
    },
  });
}

/** `output-bucket-allowed` (mandatory), reading the job's default region from the stack. */
export const outputBucketAllowed = createOutputBucketAllowed(() => readStackRegion());
