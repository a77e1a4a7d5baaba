import { inputSources, type ValidationFailure } from "pulumi-tencent-ci/provider";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link inputSingleSource}. */
export interface InputSingleSourceConfig {
  /** Let an empty `prefix`, which selects every object in the bucket, pass. */
  allowWholeBucket: boolean;
}

/**
 * `input-single-source` (mandatory): the input names exactly one source, and an empty prefix (the
 * whole bucket) only where the settings allow it.
 */
export const inputSingleSource = jobPolicy<InputSingleSourceConfig>({
  name: "input-single-source",
  description: "A job's input must name exactly one of manifest, urlFile, prefix or object, and not the whole bucket unless allowed.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowWholeBucket: {
        type: "boolean",
        default: false,
        description: "Allow an empty input.prefix, which runs the job over every object in the bucket.",
      },
    },
  },
  check: (job, config) => {
    const input = job.input;
    if (!isPlainObject(input)) {
      return [{ property: "input", reason: "input must name exactly one source: manifest, urlFile, prefix or object." }];
    }
    const sources = inputSources(input);
    if (sources.length !== 1) {
      const given = sources.length === 0 ? "none" : sources.join(", ");
      return [
        { property: "input", reason: `input must name exactly one source (manifest, urlFile, prefix or object); it names ${given}.` },
      ];
    }
    const failures: ValidationFailure[] = [];
    if (sources[0] === "prefix" && input.prefix === "" && !config.allowWholeBucket) {
      failures.push({
        property: "input.prefix",
        reason:
          "input.prefix is empty, which runs the job over every object in the bucket; name a prefix, or set allowWholeBucket for this policy.",
      });
    }
    return failures;
  },
});
