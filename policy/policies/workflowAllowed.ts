import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { stringList } from "../config";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link workflowAllowed}. */
export interface WorkflowAllowedConfig {
  /** Workflows jobs may run; unset lets every workflow pass. */
  allowedWorkflowIds?: string[];
}

const PROPERTY = "operation.workflowIds";

/** `workflow-allowed` (advisory): every workflow a job runs is in `allowedWorkflowIds`, when that is configured. */
export const workflowAllowed = jobPolicy<WorkflowAllowedConfig>({
  name: "workflow-allowed",
  description: "Jobs may only run the workflows listed in allowedWorkflowIds.",
  enforcementLevel: "advisory",
  configSchema: { properties: { allowedWorkflowIds: stringList("Workflow ids jobs may run. Unset: any workflow.") } },
  check: (job, { allowedWorkflowIds }) => {
    const ids = isPlainObject(job.operation) ? job.operation.workflowIds : undefined;
    if (allowedWorkflowIds === undefined || ids === undefined || ids === null) return [];
    const failures: ValidationFailure[] = [];
    const judge = (value: unknown, property: string) => {
      if (typeof value !== "string") return;
      // The service receives the ids comma-joined, so one entry holding a comma runs several workflows.
      for (const id of value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")) {
        if (!allowedWorkflowIds.includes(id)) {
          failures.push({ property, reason: `${property} runs workflow ${id}, which is not in allowedWorkflowIds.` });
        }
      }
    };
    if (Array.isArray(ids)) ids.forEach((id, index) => judge(id, `${PROPERTY}[${index}]`));
    else judge(ids, PROPERTY);
    return failures;
  },
});
