import { resolveEndpoint } from "../client/endpoint";
import { CiError, CLIENT_ERROR_CODES, isCiError } from "../client/errors";
import { serviceMessage } from "../client/failures";
import { BUCKET_PATTERN, REGION_PATTERN } from "../model";
import type { CiClientOptions } from "../client/ciClient";

/** Where the provider finds credentials and the bucket: stack config first, then the environment. */
export interface ProviderSettings {
  secretId?: string;
  secretKey?: string;
  securityToken?: string;
  region?: string;
  bucket?: string;
  endpoint?: string;
  /** Per-attempt timeout of each request, in whole seconds, as text from config. */
  requestTimeoutSeconds?: string;
  /** Retries after the first attempt of each call, as text from config. */
  maxRetries?: string;
  /** Longest time a new job may take to show in listings, in whole seconds, as text from config. */
  visibilityWindowSeconds?: string;
}

/** Stack config keys (namespace `tencent-ci`) and the environment variables they fall back to. */
export const SETTING_SOURCES: Record<keyof ProviderSettings, { config: string; env: string }> = {
  secretId: { config: "tencent-ci:secretId", env: "TENCENTCLOUD_SECRET_ID" },
  secretKey: { config: "tencent-ci:secretKey", env: "TENCENTCLOUD_SECRET_KEY" },
  securityToken: { config: "tencent-ci:securityToken", env: "TENCENTCLOUD_SECURITY_TOKEN" },
  region: { config: "tencent-ci:region", env: "TENCENTCLOUD_REGION" },
  bucket: { config: "tencent-ci:bucket", env: "TENCENTCLOUD_CI_BUCKET" },
  endpoint: { config: "tencent-ci:endpoint", env: "TENCENTCLOUD_CI_ENDPOINT" },
  requestTimeoutSeconds: { config: "tencent-ci:requestTimeoutSeconds", env: "TENCENTCLOUD_CI_REQUEST_TIMEOUT_SECONDS" },
  maxRetries: { config: "tencent-ci:maxRetries", env: "TENCENTCLOUD_CI_MAX_RETRIES" },
  visibilityWindowSeconds: { config: "tencent-ci:visibilityWindowSeconds", env: "TENCENTCLOUD_CI_VISIBILITY_WINDOW_SECONDS" },
};

/** Longest `requestTimeoutSeconds` accepted: ten minutes, beyond which a deploy looks hung. */
export const MAX_REQUEST_TIMEOUT_SECONDS = 600;
/** Most `maxRetries` accepted. */
export const MAX_RETRIES_LIMIT = 20;

/**
 * Reads the settings through a config getter (the dynamic provider's `configure` config, or
 * `pulumi.Config`) with the `TENCENTCLOUD_*` variables as fallback, the names Tencent's Terraform and
 * Pulumi providers use. Empty values count as absent.
 */
export function resolveSettings(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const settings: ProviderSettings = {};
  for (const [field, source] of Object.entries(SETTING_SOURCES) as [keyof ProviderSettings, { config: string; env: string }][]) {
    const value = nonEmpty(get(source.config)) ?? nonEmpty(env[source.env]);
    if (value !== undefined) settings[field] = value;
  }
  return settings;
}

/**
 * How long a trigger whose answer may be lost is looked for before it is taken as not created and
 * sent again, by default: the service does not document how soon a new job shows in listings
 * (describe sees it at once, but its id is what was lost). Far above the lag of an index fed by
 * the service's own writes, and short enough that a deploy hit by a 5xx still finishes.
 */
export const DEFAULT_VISIBILITY_WINDOW_SECONDS = 30;

/** Longest `visibilityWindowSeconds` accepted: ten minutes, as for the request timeout. */
export const MAX_VISIBILITY_WINDOW_SECONDS = 600;

/**
 * The visibility window in ms: `tencent-ci:visibilityWindowSeconds` (or its variable) when set, else
 * {@link DEFAULT_VISIBILITY_WINDOW_SECONDS}. See docs/lifecycle.md, "Trigger once".
 */
export function visibilityWindowMs(settings: ProviderSettings): number {
  return (
    (wholeNumberSetting(settings, "visibilityWindowSeconds", 0, MAX_VISIBILITY_WINDOW_SECONDS) ?? DEFAULT_VISIBILITY_WINDOW_SECONDS) * 1000
  );
}

/**
 * Retries of each call the provider makes: more than the client's default of 2, as a deploy would
 * rather wait out a burst of throttling (429 `SlowDown`, each retry after the `Retry-After` asked for) or a
 * short outage than fail halfway through its jobs: 8 retries ride out 8 s of throttling with
 * `Retry-After: 1`, and about 45 s at most on backoff alone (200 ms doubling, capped at 20 s).
 */
export const PROVIDER_MAX_RETRIES = 8;

/**
 * Client options for one resource: its own `region`/`bucket` win over the provider's. Fails with a
 * message naming the config keys and variables to set, never their values.
 */
export function clientOptionsFor(settings: ProviderSettings, overrides: { region?: string; bucket?: string } = {}): CiClientOptions {
  const timeoutSeconds = wholeNumberSetting(settings, "requestTimeoutSeconds", 1, MAX_REQUEST_TIMEOUT_SECONDS);
  const maxRetries = providerMaxRetries(settings);
  const missing = (["secretId", "secretKey"] as const).filter((key) => settings[key] === undefined);
  if (missing.length > 0) {
    const where = missing.map((key) => `${SETTING_SOURCES[key].config} (or ${SETTING_SOURCES[key].env})`).join(" and ");
    throw new CiError({
      code: CLIENT_ERROR_CODES.invalidConfiguration,
      operation: "Configure",
      detail: `credentials are missing: set ${where}`,
      fault: "client",
    });
  }
  return {
    secretId: settings.secretId as string,
    secretKey: settings.secretKey as string,
    securityToken: settings.securityToken,
    region: overrides.region ?? settings.region,
    bucket: overrides.bucket ?? settings.bucket,
    endpoint: settings.endpoint,
    maxRetries,
    ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
  };
}

/**
 * Retries after the first attempt of each call: `tencent-ci:maxRetries` (or its variable) when set,
 * else {@link PROVIDER_MAX_RETRIES}. The trigger's look-up-and-resend loop uses the same bound.
 */
export function providerMaxRetries(settings: ProviderSettings): number {
  return wholeNumberSetting(settings, "maxRetries", 0, MAX_RETRIES_LIMIT) ?? PROVIDER_MAX_RETRIES;
}

/** A numeric setting, or `undefined` when unset; a value out of range fails naming the key and variable. */
function wholeNumberSetting(
  settings: ProviderSettings,
  field: "requestTimeoutSeconds" | "maxRetries" | "visibilityWindowSeconds",
  min: number,
  max: number,
): number | undefined {
  const text = settings[field];
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    const source = SETTING_SOURCES[field];
    throw new CiError({
      code: CLIENT_ERROR_CODES.invalidConfiguration,
      operation: "Configure",
      detail: `${source.config} (or ${source.env}) must be a whole number from ${min} to ${max}`,
      fault: "client",
    });
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** The largest value of each numeric setting. */
const SETTING_LIMITS = {
  requestTimeoutSeconds: MAX_REQUEST_TIMEOUT_SECONDS,
  maxRetries: MAX_RETRIES_LIMIT,
  visibilityWindowSeconds: MAX_VISIBILITY_WINDOW_SECONDS,
} as const;

/** A setting a deploy cannot run without, or one that is malformed, found before anything is sent. */
export interface SettingFailure {
  /** The resource property a resource could set instead (`region`, `bucket`), else the stack config key. */
  property: string;
  reason: string;
}

/**
 * What is wrong with the settings one resource would be deployed with, so that `check` fails the
 * preview instead of `up` failing at its first request: missing credentials, a missing or malformed
 * region or bucket (unless an endpoint replaces them), an endpoint the client refuses, a numeric
 * setting out of range. Each reason names the stack config key and its environment variable, never
 * a credential's value. `overrides` are the resource's own `region` and `bucket`, when known (a value
 * unknown during preview is passed as undefined and `unknown` says which to leave unjudged).
 */
export function settingFailures(
  settings: ProviderSettings,
  overrides: { region?: string; bucket?: string } = {},
  unknown: { region?: boolean; bucket?: boolean } = {},
): SettingFailure[] {
  const failures: SettingFailure[] = [];
  const where = (field: keyof ProviderSettings) => `${SETTING_SOURCES[field].config} (or ${SETTING_SOURCES[field].env})`;
  const missing = (["secretId", "secretKey"] as const).filter((key) => settings[key] === undefined);
  if (missing.length > 0) {
    failures.push({
      property: SETTING_SOURCES[missing[0]].config,
      reason: `credentials are missing: set ${missing.map(where).join(" and ")}.`,
    });
  }
  for (const field of ["requestTimeoutSeconds", "maxRetries", "visibilityWindowSeconds"] as const) {
    try {
      wholeNumberSetting(settings, field, field === "requestTimeoutSeconds" ? 1 : 0, SETTING_LIMITS[field]);
    } catch (error) {
      if (!isCiError(error)) throw error;
      failures.push({
        property: SETTING_SOURCES[field].config,
        reason: `${serviceMessage(error)}.`,
      });
    }
  }
  if (settings.endpoint !== undefined) {
    try {
      resolveEndpoint({ endpoint: settings.endpoint });
    } catch (error) {
      if (!isCiError(error)) throw error;
      failures.push({
        property: SETTING_SOURCES.endpoint.config,
        reason: `${where("endpoint")}: ${serviceMessage(error)}.`,
      });
    }
    return failures;
  }
  for (const [field, pattern, example] of [
    ["region", REGION_PATTERN, "a region such as ap-guangzhou"],
    ["bucket", BUCKET_PATTERN, "a bucket as BucketName-APPID, such as media-1250000000"],
  ] as const) {
    if (unknown[field] === true || overrides[field] !== undefined) continue;
    const value = settings[field];
    if (value === undefined) {
      failures.push({ property: field, reason: `no ${field} is set: set ${where(field)}, or the resource's ${field}.` });
    } else if (!pattern.test(value)) {
      failures.push({ property: field, reason: `${where(field)} must be ${example}.` });
    }
  }
  return failures;
}
