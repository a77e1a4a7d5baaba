import { CiError, CLIENT_ERROR_CODES } from "./errors";
import { BUCKET_PATTERN, REGION_PATTERN } from "../model";

/** Where the CI API lives for one bucket. */
export interface EndpointOptions {
  /** Region, e.g. `ap-guangzhou`. */
  region?: string;
  /** Bucket with its APPID, e.g. `media-1250000000`. */
  bucket?: string;
  /** A full base URL that replaces the derived one (the local emulator, a private endpoint). */
  endpoint?: string;
}

/**
 * Resolves the base URL of the CI API: `https://<bucket>.ci.<region>.myqcloud.com` unless an explicit
 * endpoint is given. The service only speaks HTTPS; plain HTTP is accepted for loopback hosts alone so
 * that credentials are never sent in clear text over a network.
 */
export function resolveEndpoint(options: EndpointOptions, operation = "Configure"): URL {
  const fail = (detail: string): never => {
    throw new CiError({ code: CLIENT_ERROR_CODES.invalidConfiguration, operation, detail, fault: "client" });
  };
  if (options.endpoint !== undefined && options.endpoint !== "") {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      return fail(`endpoint must be an absolute http(s) URL, got ${JSON.stringify(options.endpoint)}`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return fail(`endpoint must use https, got ${url.protocol}`);
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
      return fail(`endpoint ${url.origin} uses plain http; only https is allowed except for loopback hosts`);
    }
    if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
      return fail("endpoint must not carry credentials, a query or a fragment");
    }
    return new URL(url.origin);
  }
  if (options.region === undefined || !REGION_PATTERN.test(options.region)) {
    return fail(`region must look like ap-guangzhou, got ${JSON.stringify(options.region ?? "")}`);
  }
  if (options.bucket === undefined || !BUCKET_PATTERN.test(options.bucket)) {
    return fail(`bucket must be <BucketName-APPID> such as media-1250000000, got ${JSON.stringify(options.bucket ?? "")}`);
  }
  return new URL(`https://${options.bucket}.ci.${options.region}.myqcloud.com`);
}

/** Whether a URL host name is on this machine: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An endpoint as `host:port`, the port spelled out even when it is the scheme's default, so that
 * error messages say exactly where a request went. Base URLs carry no credentials (see
 * {@link resolveEndpoint}), so this is safe to print.
 */
export function endpointHostPort(url: URL): string {
  const port = url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
  return `${url.hostname}:${port}`;
}
