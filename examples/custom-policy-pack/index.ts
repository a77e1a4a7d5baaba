/**
 * A policy pack of one's own, composed from pulumi-tencent-ci's policies as packs are composed
 * from `@pulumi/awsguard`: the policies this team wants, its settings baked in (so no
 * `--policy-pack-config` file has to travel with the pack), and a rule of its own on the same frame.
 */
import { PolicyPack } from "@pulumi/policy";
import {
  callbackHttps,
  inputSingleSource,
  jobNameValid,
  jobPolicy,
  maxJobsPerStack,
  noCredentialsInInputs,
  timeIntervalValid,
  withDefaults,
  workflowAllowed,
} from "pulumi-tencent-ci/policy";

/** The workflows this team has reviewed; a job running any other one is stopped at preview. */
const APPROVED_WORKFLOWS = ["w7476ff3564ee45b7b490d64bccaba6cc"];

/** Settings of {@link prefixAllowed}. */
interface PrefixAllowedConfig {
  allowedPrefixes: string[];
}

/**
 * The team's own rule: a job that scans a prefix scans one the team owns. `jobPolicy` gives it what
 * the package's policies have: it judges only InventoryTriggerJob resources, drops a failure whose
 * value is unknown during preview, and fills in the schema's defaults.
 */
const prefixAllowed = jobPolicy<PrefixAllowedConfig>({
  name: "prefix-allowed",
  description: "A job that scans a prefix scans one under allowedPrefixes.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedPrefixes: {
        type: "array",
        items: { type: "string" },
        default: ["videos/", "images/"],
        description: "Prefixes jobs may scan.",
      },
    },
  },
  check: (job, config) => {
    const input = job.input;
    const prefix = typeof input === "object" && input !== null && "prefix" in input ? input.prefix : undefined;
    if (typeof prefix !== "string" || config.allowedPrefixes.some((allowed) => prefix.startsWith(allowed))) return [];
    return [{ property: "input.prefix", reason: `input.prefix ${prefix} is not under ${config.allowedPrefixes.join(", ")}.` }];
  },
});

new PolicyPack("media-team-jobs", {
  description: "Tencent CI batch jobs of the media team: approved workflows only, one month of uploads at most, our prefixes.",
  policies: [
    jobNameValid,
    inputSingleSource,
    callbackHttps,
    noCredentialsInInputs,
    maxJobsPerStack,
    withDefaults(workflowAllowed, { enforcementLevel: "mandatory", settings: { allowedWorkflowIds: APPROVED_WORKFLOWS } }),
    withDefaults(timeIntervalValid, { settings: { maxWindowDays: 31 } }),
    prefixAllowed,
  ],
});
