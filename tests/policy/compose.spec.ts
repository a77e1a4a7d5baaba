import { strict as assert } from "node:assert";
import { policies, policyConfigSchemas, withDefaults, workflowAllowed } from "../../policy";
import { assertHasResourceViolation, assertNoResourceViolations, createResourceValidationArgs, workflowJob } from "./helpers";

const WORKFLOW = "w7476ff3564ee45b7b490d64bccaba6cc";
const OTHER_WORKFLOW = "w1111111111111111111111111111111a";

describe("composing a pack of one's own from the policies", () => {
  it("lists the settings schema of every policy that has settings, by policy name", () => {
    const withSettings = policies.filter((policy) => policy.configSchema !== undefined).map((policy) => policy.name);

    assert.deepEqual(Object.keys(policyConfigSchemas).sort(), withSettings.sort());
    assert.equal(policyConfigSchemas["workflow-allowed"], workflowAllowed.configSchema);
  });

  it("bakes settings and a level into a copy of a policy: the copy applies them with no --policy-pack-config", async () => {
    const gate = withDefaults(workflowAllowed, { enforcementLevel: "mandatory", settings: { allowedWorkflowIds: [WORKFLOW] } });

    assert.equal(gate.enforcementLevel, "mandatory");
    await assertHasResourceViolation(
      gate,
      createResourceValidationArgs(workflowJob({ operation: { workflowIds: [OTHER_WORKFLOW] } })),
      `runs workflow ${OTHER_WORKFLOW}, which is not in allowedWorkflowIds`,
    );
    await assertNoResourceViolations(gate, createResourceValidationArgs(workflowJob({ operation: { workflowIds: [WORKFLOW] } })));
  });

  it("lets a --policy-pack-config entry still override the baked settings", async () => {
    const gate = withDefaults(workflowAllowed, { settings: { allowedWorkflowIds: [WORKFLOW] } });

    await assertNoResourceViolations(
      gate,
      createResourceValidationArgs(workflowJob({ operation: { workflowIds: [OTHER_WORKFLOW] } }), {
        config: { allowedWorkflowIds: [OTHER_WORKFLOW] },
      }),
    );
  });

  it("leaves the pack's own policy as it was", async () => {
    withDefaults(workflowAllowed, { enforcementLevel: "mandatory", settings: { allowedWorkflowIds: [WORKFLOW] } });

    assert.equal(workflowAllowed.enforcementLevel, "advisory");
    await assertNoResourceViolations(
      workflowAllowed,
      createResourceValidationArgs(workflowJob({ operation: { workflowIds: [OTHER_WORKFLOW] } })),
    );
  });

  it("refuses a setting the policy does not declare, naming it and the ones it does", () => {
    assert.throws(
      () => withDefaults(workflowAllowed, { settings: { allowedWorkflows: [WORKFLOW] } }),
      /workflow-allowed has no setting allowedWorkflows; its settings are allowedWorkflowIds/,
    );
  });
});
