import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { stringList } from "../config";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject, isUnknown } from "../props";

/** Settings of {@link callbackHttps}. */
export interface CallbackHttpsConfig {
  /** Hosts callbacks may go to: exact names, or `*.example.com` for any subdomain. Unset: any host. */
  allowedCallbackHosts?: string[];
}

/** The fields each message-queue channel needs, by `callBackType`. */
const CHANNELS: Record<string, { key: string; fields: readonly string[] }> = {
  TDMQ: { key: "callBackMqConfig", fields: ["mqRegion", "mqMode", "mqName"] },
  Kafka: { key: "callBackKafkaConfig", fields: ["region", "instanceId", "topic"] },
};

/**
 * `callback-https` (mandatory): URL callbacks go over HTTPS to an allowed host; TDMQ and Kafka
 * callbacks carry the configuration block of their channel.
 */
export const callbackHttps = jobPolicy<CallbackHttpsConfig>({
  name: "callback-https",
  description:
    "Job callbacks must use HTTPS (to a host in allowedCallbackHosts when set); TDMQ and Kafka callbacks need their config block.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedCallbackHosts: stringList(
        "Hosts callback URLs may name; '*.example.com' allows every subdomain of example.com. Unset: any host.",
      ),
    },
  },
  check: (job, config) => {
    const operation = job.operation;
    // Which rules apply depends on the channel, so nothing is judged until it is known.
    if (!isPlainObject(operation) || isUnknown(operation.callBackType)) return [];
    const type = operation.callBackType ?? "Url";
    if (type === "Url") return urlFailures(operation.callBack, config.allowedCallbackHosts);
    const channel = typeof type === "string" ? CHANNELS[type] : undefined;
    return channel === undefined ? [] : channelFailures(operation[channel.key], `operation.${channel.key}`, type as string, channel.fields);
  },
});

function urlFailures(callBack: unknown, allowedHosts: string[] | undefined): ValidationFailure[] {
  const property = "operation.callBack";
  // "no" turns the queue's callback off for this job: nothing is sent.
  if (typeof callBack !== "string" || callBack === "no") return [];
  let url: URL;
  try {
    url = new URL(callBack);
  } catch {
    return [{ property, reason: `${property} must be an absolute https:// URL.` }];
  }
  if (url.protocol !== "https:") {
    return [
      {
        property,
        reason: `${property} must use https, not ${url.protocol.replace(/:$/, "")}: callbacks carry job details across the network.`,
      },
    ];
  }
  if (allowedHosts !== undefined && !allowedHosts.some((pattern) => hostMatches(url.hostname, pattern))) {
    return [{ property, reason: `${property} goes to host ${url.hostname}, which is not in allowedCallbackHosts.` }];
  }
  return [];
}

function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.trim().toLowerCase();
  const name = host.toLowerCase();
  return wanted.startsWith("*.") ? name.endsWith(wanted.slice(1)) : name === wanted;
}

function channelFailures(block: unknown, property: string, type: string, fields: readonly string[]): ValidationFailure[] {
  if (!isPlainObject(block)) {
    return [
      {
        property,
        reason: `${property} is required when operation.callBackType is "${type}": the service has nowhere to deliver the callback.`,
      },
    ];
  }
  return fields
    .filter((field) => typeof block[field] !== "string" || block[field] === "")
    .map((field) => ({
      property: `${property}.${field}`,
      reason: `${property}.${field} is required when operation.callBackType is "${type}".`,
    }));
}
