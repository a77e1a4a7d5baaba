import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { credentialKindsInValue, isCredentialField } from "../credentials";
import { jobPolicy } from "../jobPolicy";
import { isUnknown } from "../props";

/**
 * `no-credentials-in-inputs` (mandatory): no input anywhere holds what looks like a credential.
 * Job inputs are sent to the service, shown by every query of the job and kept in the stack's
 * state; credentials belong in the provider's secret config. Violations name the property path and
 * the kind of credential, never the value.
 */
export const noCredentialsInInputs = jobPolicy({
  name: "no-credentials-in-inputs",
  description:
    "Job inputs must not contain credentials (SecretId, secret keys, passwords in URLs): set them as secret provider config instead.",
  enforcementLevel: "mandatory",
  check: (job) => {
    const failures: ValidationFailure[] = [];
    const visit = (value: unknown, path: string, key: string | undefined) => {
      if (isUnknown(value) || value === null || value === undefined) return;
      if (typeof value === "string") {
        const kinds = credentialKindsInValue(value);
        if (key !== undefined && value !== "" && isCredentialField(key) && kinds.length === 0) kinds.push("credential-named field");
        if (kinds.length > 0) failures.push({ property: path, reason: reason(path, kinds) });
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => visit(item, `${path}[${index}]`, undefined));
      } else if (typeof value === "object") {
        for (const [name, item] of Object.entries(value)) visit(item, path === "" ? name : `${path}.${name}`, name);
      }
    };
    visit(job, "", undefined);
    return failures;
  },
});

function reason(path: string, kinds: string[]): string {
  const what = kinds.includes("credential-named field")
    ? "is named like a credential and set"
    : `looks like it holds a ${kinds.join(" and a ")}`;
  return `${path} ${what}; pass credentials as secret config (tencent-ci:secretId, tencent-ci:secretKey), never in job inputs.`;
}
