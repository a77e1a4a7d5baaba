/**
 * The `tencent-ci-jobs` policy pack: checks InventoryTriggerJob resources during `pulumi preview`
 * and `pulumi up`, before any job is triggered.
 *
 * The CLI runs the compiled form of this file, `dist/policy/index.js`, named by the `main` of
 * policy/package.json. The runner in `@pulumi/pulumi/cmd/run-policy-pack` could compile TypeScript
 * itself, but only through the ts-node it finds or the old one it vendors, type-checking the whole
 * import graph on every preview; the build's JavaScript is faster, is what the unit tests exercise,
 * and cannot drift from the provider code it imports.
 *
 * @packageDocumentation
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("tencent-ci-jobs", {
  description: "Stops risky Tencent Cloud CI batch jobs (InventoryTriggerJob) before they are triggered.",
  policies,
});
