import { strict as assert } from "node:assert";
import { credentialKindsInValue, isCredentialField } from "../../policy/credentials";
import { noCredentialsInInputs } from "../../policy/policies";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  runResourcePolicy,
  transcodeJob,
  UNKNOWN,
  workflowJob,
} from "./helpers";

// Shaped like credentials, made up for these tests.
const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

describe("no-credentials-in-inputs", () => {
  it("passes the sample jobs, whose ids are long hex strings", async () => {
    await assertNoResourceViolations(noCredentialsInInputs, createResourceValidationArgs(transcodeJob()));
    await assertNoResourceViolations(noCredentialsInInputs, createResourceValidationArgs(workflowJob()));
  });

  it("fails a SecretId in userData, naming the path and never the value", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { userData: `key=${SECRET_ID}` } }));
    const violations = await assertHasResourceViolation(noCredentialsInInputs, args, "operation.userData looks like it holds a SecretId");
    assert.ok(
      violations.every((message) => !message.includes("AKID")),
      "a message repeats the SecretId",
    );
  });

  it("fails a secret key deep inside inline processing parameters", async () => {
    const args = createResourceValidationArgs(
      transcodeJob({ operation: { jobParam: { transcode: { hls: [{ note: "x" }, { note: `k:${SECRET_KEY}` }] } } } }),
    );
    const violations = await assertHasResourceViolation(
      noCredentialsInInputs,
      args,
      "operation.jobParam.transcode.hls[1].note looks like it holds a secret key",
    );
    assert.ok(
      violations.every((message) => !message.includes(SECRET_KEY)),
      "a message repeats the key",
    );
  });

  it("fails a secret key among the triggers", async () => {
    await assertHasResourceViolation(
      noCredentialsInInputs,
      createResourceValidationArgs({ ...workflowJob(), triggers: [1, SECRET_KEY] }),
      "triggers[1] looks like",
    );
  });

  it("fails a callback URL carrying a password", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { callBack: "https://ci:hunter2@hooks.example.com/ci" } }));
    const violations = await assertHasResourceViolation(
      noCredentialsInInputs,
      args,
      "operation.callBack looks like it holds a URL password",
    );
    assert.ok(violations.every((message) => !message.includes("hunter2")));
  });

  it("fails a field named like a credential whatever its value", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { jobParam: { transcode: { secret_key: "short" } } } }));
    await assertHasResourceViolation(noCredentialsInInputs, args, "operation.jobParam.transcode.secret_key is named like a credential");
  });

  it("ignores the serialized provider, which is the framework's own", async () => {
    const outcome = await runResourcePolicy(noCredentialsInInputs, createResourceValidationArgs(workflowJob()));
    assert.deepEqual(outcome.violations, []);
  });

  it("reports nothing for values unknown during preview and still judges the known ones", async () => {
    await assertNoResourceViolations(
      noCredentialsInInputs,
      createResourceValidationArgs(transcodeJob({ operation: { userData: UNKNOWN } })),
    );
    const mixed = createResourceValidationArgs({ ...transcodeJob({ operation: { userData: UNKNOWN } }), triggers: [UNKNOWN, SECRET_ID] });
    await assertHasResourceViolation(noCredentialsInInputs, mixed, "triggers[1] looks like it holds a SecretId");
  });
});

describe("credential recognition", () => {
  it("takes AKID followed by 32 letters and digits for a SecretId", () => {
    assert.deepEqual(credentialKindsInValue(SECRET_ID), ["SecretId"]);
  });

  it("does not take a short AKID-prefixed word for a SecretId", () => {
    assert.deepEqual(credentialKindsInValue("AKIDS-are-fine"), []);
  });

  it("takes a random 32-character mixed-case token for a secret key", () => {
    assert.deepEqual(credentialKindsInValue(SECRET_KEY), ["secret key"]);
  });

  it("does not take hex digests, ids, identifiers or repetitive runs of 32 characters for secret keys", () => {
    for (const value of [
      "9e107d9d372bb6826bd81d3542a419d6",
      "ThisIsMyVeryLongCamelCaseNameAbc",
      "w7476ff3564ee45b7b490d64bccaba6cc",
      "p2242ab62c7c94486915508540933a2c6",
      "Aa11Aa11Aa11Aa11Aa11Aa11Aa11Aa11",
    ]) {
      assert.deepEqual(credentialKindsInValue(value), [], value);
    }
  });

  it("does not take a 32-character run inside a longer one for a secret key", () => {
    assert.deepEqual(credentialKindsInValue(`x${SECRET_KEY}y`), []);
  });

  it("recognises credential field names whatever their case or separators", () => {
    assert.ok(isCredentialField("SecretKey") && isCredentialField("secret-id") && isCredentialField("SECURITY_TOKEN"));
    assert.ok(!isCredentialField("templateId") && !isCredentialField("secretive"));
  });
});
