import { queueAllowed, templateAllowed, workflowAllowed } from "../../policy/policies";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  transcodeJob,
  UNKNOWN,
  workflowJob,
} from "./helpers";

const WORKFLOW = "w7476ff3564ee45b7b490d64bccaba6cc";
const OTHER_WORKFLOW = "w1111111111111111111111111111111a";
const QUEUE = "p2242ab62c7c94486915508540933a2c6";
const TEMPLATE = "t04e1ab86554984f1aa17c062fbf6c007c";

describe("workflow-allowed", () => {
  it("passes any workflow when no allow-list is configured", async () => {
    await assertNoResourceViolations(
      workflowAllowed,
      createResourceValidationArgs(workflowJob({ operation: { workflowIds: [OTHER_WORKFLOW] } })),
    );
  });

  it("passes workflows that are all in allowedWorkflowIds", async () => {
    await assertNoResourceViolations(
      workflowAllowed,
      createResourceValidationArgs(workflowJob(), { config: { allowedWorkflowIds: [WORKFLOW] } }),
    );
  });

  it("fails a workflow missing from allowedWorkflowIds, naming its list position", async () => {
    const args = createResourceValidationArgs(workflowJob({ operation: { workflowIds: [WORKFLOW, OTHER_WORKFLOW] } }), {
      config: { allowedWorkflowIds: [WORKFLOW] },
    });
    await assertHasResourceViolation(
      workflowAllowed,
      args,
      `operation.workflowIds[1] runs workflow ${OTHER_WORKFLOW}, which is not in allowedWorkflowIds`,
    );
  });

  it("judges each id of an entry holding several comma-joined ids", async () => {
    const args = createResourceValidationArgs(workflowJob({ operation: { workflowIds: [`${WORKFLOW},${OTHER_WORKFLOW}`] } }), {
      config: { allowedWorkflowIds: [WORKFLOW] },
    });
    await assertHasResourceViolation(workflowAllowed, args, OTHER_WORKFLOW);
  });

  it("fails every workflow when the configured list is empty", async () => {
    await assertHasResourceViolation(
      workflowAllowed,
      createResourceValidationArgs(workflowJob(), { config: { allowedWorkflowIds: [] } }),
      WORKFLOW,
    );
  });

  it("reports nothing for a workflow id unknown during preview", async () => {
    const args = createResourceValidationArgs(workflowJob({ operation: { workflowIds: [UNKNOWN] } }), {
      config: { allowedWorkflowIds: [WORKFLOW] },
    });
    await assertNoResourceViolations(workflowAllowed, args);
  });
});

describe("queue-allowed", () => {
  it("passes any queue when no allow-list is configured", async () => {
    await assertNoResourceViolations(queueAllowed, createResourceValidationArgs(transcodeJob()));
  });

  it("passes a queue in allowedQueueIds", async () => {
    await assertNoResourceViolations(queueAllowed, createResourceValidationArgs(transcodeJob(), { config: { allowedQueueIds: [QUEUE] } }));
  });

  it("fails a queue missing from allowedQueueIds", async () => {
    const args = createResourceValidationArgs(transcodeJob(), { config: { allowedQueueIds: ["p0000000000000000000000000000000b"] } });
    await assertHasResourceViolation(queueAllowed, args, `operation.queueId is ${QUEUE}, which is not in allowedQueueIds`);
  });

  it("passes a job that names no queue", async () => {
    await assertNoResourceViolations(queueAllowed, createResourceValidationArgs(workflowJob(), { config: { allowedQueueIds: [QUEUE] } }));
  });

  it("reports nothing for a queue unknown during preview", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { queueId: UNKNOWN } }), { config: { allowedQueueIds: [QUEUE] } });
    await assertNoResourceViolations(queueAllowed, args);
  });
});

describe("template-allowed", () => {
  it("passes any template and inline parameters when no allow-list is configured", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { templateId: "tOther", transcode: { container: { format: "mp4" } } } } }),
    );
    await assertNoResourceViolations(templateAllowed, args);
  });

  it("passes a template in allowedTemplateIds", async () => {
    await assertNoResourceViolations(
      templateAllowed,
      createResourceValidationArgs(transcodeJob(), { config: { allowedTemplateIds: [TEMPLATE] } }),
    );
  });

  it("fails a template missing from allowedTemplateIds", async () => {
    const args = createResourceValidationArgs(transcodeJob(), { config: { allowedTemplateIds: ["tOther"] } });
    await assertHasResourceViolation(templateAllowed, args, `operation.jobParam.templateId is template ${TEMPLATE}`);
  });

  it("fails each unlisted watermark template of a list, naming its position", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { templateId: TEMPLATE, watermarkTemplateId: [TEMPLATE, "tMark"] } } }),
      {
        config: { allowedTemplateIds: [TEMPLATE] },
      },
    );
    await assertHasResourceViolation(templateAllowed, args, "operation.jobParam.watermarkTemplateId[1] is template tMark");
  });

  it("fails a transcode template missing from the list", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { templateId: TEMPLATE, transcodeTemplateId: "tTrans" } } }),
      {
        config: { allowedTemplateIds: [TEMPLATE] },
      },
    );
    await assertHasResourceViolation(templateAllowed, args, "operation.jobParam.transcodeTemplateId is template tTrans");
  });

  it("fails inline processing parameters when an allow-list is configured", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { templateId: undefined, transcode: { container: { format: "mp4" } } } } }),
      {
        config: { allowedTemplateIds: [TEMPLATE] },
      },
    );
    await assertHasResourceViolation(templateAllowed, args, "operation.jobParam.transcode gives processing parameters inline");
  });

  it("passes inline processing parameters when allowInlineParameters is true", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { jobParam: { transcode: { container: { format: "mp4" } } } } }), {
      config: { allowedTemplateIds: [TEMPLATE], allowInlineParameters: true },
    });
    await assertNoResourceViolations(templateAllowed, args);
  });

  it("passes a digital watermark beside a listed template", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { digitalWatermark: { message: "owner", type: "Text", version: "V1" } } } }),
      {
        config: { allowedTemplateIds: [TEMPLATE] },
      },
    );
    await assertNoResourceViolations(templateAllowed, args);
  });

  it("reports nothing for a template unknown during preview", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { jobParam: { templateId: UNKNOWN } } }), {
      config: { allowedTemplateIds: [TEMPLATE] },
    });
    await assertNoResourceViolations(templateAllowed, args);
  });
});
