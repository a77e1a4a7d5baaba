import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { outputBucketAllowed, policies, timeIntervalValid } from "../../policy/policies";
import { decodeJobsResponse } from "../../provider/codec/jobsResponse";
import { sample, triggerPageWorkflowRequest } from "../support/samples";
import { assertHasResourceViolation, createResourceValidationArgs, runResourcePolicy } from "./helpers";

/** The region of the list page's sample request (`Host: bucket-1250000000.ci.ap-beijing.myqcloud.com`). */
const LIST_SAMPLE_REGION = "ap-beijing";

/** Every job of the vendor's pages as resource inputs: the trigger page's request, and each job the list and query samples show. */
function documentedJobs(): [string, Record<string, unknown>][] {
  const fromResponse = (file: string) =>
    decodeJobsResponse(sample(file)).jobs.map((job): [string, Record<string, unknown>] => [
      `the ${String(job.type)} job of ${file}`,
      { name: job.name, type: job.type, input: job.input, operation: job.operation, region: LIST_SAMPLE_REGION },
    ]);
  return [
    ["the trigger page's request", { ...triggerPageWorkflowRequest(), region: LIST_SAMPLE_REGION }],
    ...fromResponse("list-response.xml"),
    ...fromResponse("query-response.xml"),
    ...fromResponse("trigger-response-sample.xml"),
  ];
}

const resourcePolicies = policies.filter((policy): policy is ResourceValidationPolicy => "validateResource" in policy);

describe("the policy pack with its default configuration and the vendor's own samples", () => {
  it("covers a Workflow and a Job sample", () => {
    const types = new Set(documentedJobs().map(([, job]) => job.type));
    assert.deepEqual([...types].sort(), ["Job", "Workflow"]);
  });

  for (const [what, job] of documentedJobs()) {
    it(`passes ${what} under every resource policy`, async () => {
      for (const policy of resourcePolicies) {
        const outcome = await runResourcePolicy(policy, createResourceValidationArgs(job));
        assert.deepEqual(outcome.violations, [], `${policy.name} refuses ${what}`);
      }
    });
  }

  it("still refuses the trigger page's 89-day window when maxWindowDays is set to 31", async () => {
    const args = createResourceValidationArgs(
      { ...triggerPageWorkflowRequest(), region: LIST_SAMPLE_REGION },
      { config: { maxWindowDays: 31 } },
    );
    await assertHasResourceViolation(timeIntervalValid, args, "spans 89 days; at most 31");
  });

  it("still refuses the list sample's output to ap-chongqing from ap-beijing when requireJobRegion is true", async () => {
    const job = documentedJobs().find(([, candidate]) => candidate.type === "Job");
    assert.ok(job);
    const args = createResourceValidationArgs(job[1], { config: { requireJobRegion: true } });
    await assertHasResourceViolation(outputBucketAllowed, args, "operation.output.region is ap-chongqing but the job runs in ap-beijing");
  });
});
