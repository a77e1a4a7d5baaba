/**
 * The workflows, queues and templates the emulated bucket already has. A trigger naming an id
 * outside these is accepted, as by the service, and the job then ends `Failed`.
 */
import type { JobFailure } from "./lifecycle";
import type { TriggerSpec } from "./triggerValidation";

/** Known ids, by kind. */
export interface Catalogue {
  /** Workflow ids (`w` and 32 hex digits). */
  workflowIds: readonly string[];
  /** Media processing queue ids (`p` and 32 hex digits). */
  queueIds: readonly string[];
  /** Template ids (`t` and 34 hex digits), checked for `JobParam/TemplateId` and its siblings. */
  templateIds: readonly string[];
}

/** The demo workflow; triggers of `Type=Workflow` that name it succeed. */
export const DEMO_WORKFLOW_ID = "w7476ff3564ee45b7b490d64bccaba6cc";

/** The demo queue for `Type=Job` triggers. */
export const DEMO_QUEUE_ID = "p893bcda225bf4945a378da6662e81a89";

/** The demo transcoding template for `Type=Job` triggers. */
export const DEMO_TEMPLATE_ID = "t1460606b9752148c4ab182f55163ba7cd";

/** The catalogue an emulator starts with unless told otherwise. */
export const DEFAULT_CATALOGUE: Catalogue = {
  workflowIds: [DEMO_WORKFLOW_ID],
  queueIds: [DEMO_QUEUE_ID],
  templateIds: [DEMO_TEMPLATE_ID],
};

/** The default catalogue with each given field replacing the default list of that kind. */
export function resolveCatalogue(overrides: Partial<Catalogue> = {}): Catalogue {
  return {
    workflowIds: [...(overrides.workflowIds ?? DEFAULT_CATALOGUE.workflowIds)],
    queueIds: [...(overrides.queueIds ?? DEFAULT_CATALOGUE.queueIds)],
    templateIds: [...(overrides.templateIds ?? DEFAULT_CATALOGUE.templateIds)],
  };
}

/**
 * How a job naming an id the catalogue lacks ends: it fails at start with the service's
 * `InvalidParameter` and a message naming the kind (`workflow not exist`, …); undefined when all are known.
 */
export function catalogueFailure(spec: TriggerSpec, catalogue: Catalogue): JobFailure | undefined {
  const unknown = (ids: readonly string[], known: readonly string[]): boolean => ids.some((id) => !known.includes(id));
  if (unknown(spec.workflowIds, catalogue.workflowIds)) {
    return { code: "InvalidParameter", message: "workflow not exist", at: "start" };
  }
  if (spec.queueId !== undefined && spec.queueId !== "" && unknown([spec.queueId], catalogue.queueIds)) {
    return { code: "InvalidParameter", message: "queue not exist", at: "start" };
  }
  if (unknown(spec.templateIds, catalogue.templateIds)) {
    return { code: "InvalidParameter", message: "template not exist", at: "start" };
  }
  return undefined;
}
