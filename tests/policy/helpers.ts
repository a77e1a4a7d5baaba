/**
 * Running policies as plain functions: arguments shaped as the policy server builds them, runners
 * that collect what a policy reports, assertions on the outcome, and sample jobs.
 */
import { strict as assert } from "node:assert";
import {
  unknownCheckingProxy,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { INVENTORY_TRIGGER_JOB_TYPE } from "../../sdk/inventoryTriggerJob";

/** What the engine sends in place of a value unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * A stand-in for the serialized provider the dynamic-provider framework adds to every resource. It
 * holds a SecretId-shaped string on purpose: no policy may look inside it.
 */
export const SERIALIZED_PROVIDER =
  'exports.handler = __f0;\nfunction __f0() { return require("pulumi-tencent-ci/provider"); } // AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';

/** Options of {@link createResourceValidationArgs}. */
export interface ResourceArgsOptions {
  /** Resource type; an InventoryTriggerJob unless given. */
  type?: string;
  /** Resource name; `job` unless given. */
  name?: string;
  /** The policy's settings, as `--policy-pack-config` would give them. */
  config?: object;
}

/**
 * Arguments for a resource policy, as the policy server passes them: the props behind the same
 * proxy that throws on unknown values, with the serialized provider beside the program's inputs.
 */
export function createResourceValidationArgs(props: Record<string, unknown>, options: ResourceArgsOptions = {}): ResourceValidationArgs {
  const type = options.type ?? INVENTORY_TRIGGER_JOB_TYPE;
  const name = options.name ?? "job";
  return {
    type,
    name,
    urn: `urn:pulumi:test::policy-tests::${type}::${name}`,
    props: unknownCheckingProxy({ __provider: SERIALIZED_PROVIDER, ...props }),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the signature is @pulumi/policy's
    getConfig: <T extends object>() => (options.config ?? {}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

/** Thrown by the `notApplicable` of the arguments built here, as the server's own is. */
export class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(`not applicable: ${reason ?? ""}`);
  }
}

/** What a policy did with one resource or stack. */
export interface PolicyOutcome {
  violations: string[];
  /** Set when the policy declared itself not applicable, with its reason. */
  notApplicable?: string;
}

/** Runs every validation of a resource policy and collects what it reports. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<PolicyOutcome> {
  const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
  const violations: string[] = [];
  for (const validate of validations) {
    try {
      await validate(args, (message) => violations.push(message));
    } catch (error) {
      if (error instanceof NotApplicable) return { violations, notApplicable: error.reason ?? "" };
      throw error;
    }
  }
  return { violations };
}

/** Asserts that the policy reports a violation matching `expected` (a substring or a pattern). */
export async function assertHasResourceViolation(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
  expected: string | RegExp,
): Promise<string[]> {
  const { violations } = await runResourcePolicy(policy, args);
  assert.ok(
    violations.some((message) => matches(message, expected)),
    `expected a ${policy.name} violation matching ${String(expected)}, got ${show(violations)}`,
  );
  return violations;
}

/** Asserts that the policy reports nothing for the resource. */
export async function assertNoResourceViolations(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<void> {
  const { violations } = await runResourcePolicy(policy, args);
  assert.deepEqual(violations, [], `expected no ${policy.name} violation, got ${show(violations)}`);
}

/** A resource as a stack policy sees it. */
export function createPolicyResource(type: string, name: string, props: Record<string, unknown> = {}): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::policy-tests::${type}::${name}`,
    props: unknownCheckingProxy(props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

/** Arguments for a stack policy over the given resources. */
export function createStackValidationArgs(resources: PolicyResource[], options: { config?: object } = {}): StackValidationArgs {
  return {
    resources,
    stackTags: new Map(),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the signature is @pulumi/policy's
    getConfig: <T extends object>() => (options.config ?? {}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

/** Runs a stack policy and collects what it reports. */
export async function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<PolicyOutcome> {
  const violations: string[] = [];
  try {
    await policy.validateStack(args, (message) => violations.push(message));
  } catch (error) {
    if (error instanceof NotApplicable) return { violations, notApplicable: error.reason ?? "" };
    throw error;
  }
  return { violations };
}

/** Asserts that the stack policy reports a violation matching `expected`. */
export async function assertHasStackViolation(
  policy: StackValidationPolicy,
  args: StackValidationArgs,
  expected: string | RegExp,
): Promise<string[]> {
  const { violations } = await runStackPolicy(policy, args);
  assert.ok(
    violations.some((message) => matches(message, expected)),
    `expected a ${policy.name} violation matching ${String(expected)}, got ${show(violations)}`,
  );
  return violations;
}

/** Asserts that the stack policy reports nothing. */
export async function assertNoStackViolations(policy: StackValidationPolicy, args: StackValidationArgs): Promise<void> {
  const { violations } = await runStackPolicy(policy, args);
  assert.deepEqual(violations, [], `expected no ${policy.name} violation, got ${show(violations)}`);
}

/** A compliant `Type=Workflow` job, changed by `patch` (see {@link merge}). */
export function workflowJob(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return merge(
    {
      name: "nightly-transcode",
      type: "Workflow",
      input: { prefix: "videos/" },
      operation: {
        workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"],
        timeInterval: { start: "2024-01-01T00:00:00+0800", end: "2024-01-15T00:00:00+0800" },
      },
      region: "ap-guangzhou",
      bucket: "media-1250000000",
    },
    patch,
  );
}

/** A compliant `Type=Job` transcoding job with output and callback, changed by `patch`. */
export function transcodeJob(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return merge(
    {
      name: "transcode-batch",
      type: "Job",
      input: { manifest: "inventory/manifest.json" },
      operation: {
        tag: "Transcode",
        queueId: "p2242ab62c7c94486915508540933a2c6",
        jobParam: { templateId: "t04e1ab86554984f1aa17c062fbf6c007c" },
        output: { region: "ap-guangzhou", bucket: "media-1250000000", object: "out/${InputName}.mp4" },
        userData: "batch-42",
        jobLevel: 0,
        callBack: "https://hooks.example.com/ci",
        callBackFormat: "JSON",
        callBackType: "Url",
      },
      region: "ap-guangzhou",
      waitForCompletion: { timeoutSeconds: 600 },
    },
    patch,
  );
}

/** `base` with `patch` merged in depth; a key patched to `undefined` is removed. Lists are replaced whole. */
export function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = Object.fromEntries(
    Object.entries(base).filter(([key]) => !(Object.hasOwn(patch, key) && patch[key] === undefined)),
  );
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(value) && isPlainObject(current) ? merge(current, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function matches(message: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? message.includes(expected) : expected.test(message);
}

function show(violations: string[]): string {
  return violations.length === 0 ? "none" : violations.map((v) => `\n  - ${v}`).join("");
}
