/**
 * What a preview says about jobs, gathered from the engine's events: the InventoryTriggerJob steps
 * it plans and every policy violation it reports.
 */
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";

/** The type token of pulumi-tencent-ci's jobs in state and in engine events. */
export const JOB_TYPE = "pulumi-nodejs:dynamic/tencent-ci:InventoryTriggerJob";

/** One planned step of a job. */
export interface JobStep {
  /** Resource name in the program. */
  resource: string;
  op: OpType;
  /** The job's name on the service, when the provider has settled it. */
  jobName?: string;
  /** `prefix videos/`, `object a.mp4`, `manifest …`, `urlFile …`. */
  input?: string;
  workflowIds?: string[];
  /** The job this step replaces or deletes. */
  previousJobId?: string;
}

/** One policy violation. */
export interface Violation {
  policy: string;
  /** `mandatory` fails the preview; `advisory` (the engine's `warning`) does not. */
  level: string;
  /** Resource name, or the stack for a stack policy. */
  resource: string;
  message: string;
}

/** Steps a reviewer cares about; `same`, reads and the halves of a replacement are left out. */
const REPORTED_OPS: ReadonlySet<OpType> = new Set<OpType>(["create", "replace", "update", "delete"]);

function resourceName(urn: string | undefined): string {
  return urn === undefined || urn === "" ? "(stack)" : urn.slice(urn.lastIndexOf("::") + 2);
}

function describeInput(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const source = Object.entries(input as Record<string, unknown>).find(([, value]) => value !== undefined);
  if (source === undefined) return undefined;
  const [kind, value] = source;
  return `${kind} ${JSON.stringify(value)}`;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** Collects job steps and policy violations from the events of one preview. */
export class PreviewCollector {
  readonly steps: JobStep[] = [];
  readonly violations: Violation[] = [];
  private readonly seen = new Set<string>();

  /** Pass as `onEvent` of a preview or an up. */
  readonly onEvent = (event: EngineEvent): void => {
    if (event.policyEvent !== undefined) {
      const policy = event.policyEvent;
      this.violations.push({
        policy: policy.policyName,
        level: policy.enforcementLevel === "warning" ? "advisory" : policy.enforcementLevel,
        resource: resourceName(policy.resourceUrn),
        message: policy.message.trim(),
      });
    }
    const step = event.resourcePreEvent?.metadata;
    if (step?.type !== JOB_TYPE || !REPORTED_OPS.has(step.op)) return;
    const key = `${step.op} ${step.urn}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const inputs = (step.new ?? step.old)?.inputs ?? {};
    const operation = inputs.operation as Record<string, unknown> | undefined;
    this.steps.push({
      resource: resourceName(step.urn),
      op: step.op,
      jobName: typeof inputs.name === "string" ? inputs.name : undefined,
      input: describeInput(inputs.input),
      workflowIds: stringList(operation?.workflowIds),
      previousJobId: step.op === "create" ? undefined : step.old?.id,
    });
  };

  /** Whether a mandatory policy failed. */
  get blocked(): boolean {
    return this.violations.some((violation) => violation.level === "mandatory");
  }
}
