import type { Dispatcher } from "undici";
import { CiError, CLIENT_ERROR_CODES } from "./errors";
import { resolveEndpoint } from "./endpoint";
import { DEFAULT_RETRY_POLICY, RetryPolicyOptions, backoffDelayMs, undiciRetryOptions } from "./retryPolicy";
import { RequestSigner, SigningError } from "./signer";
import { CiTransport } from "./transport";
import { encodeTriggerJobRequest } from "./codec/triggerJob";
import { decodeJobsResponse, JobsResponse } from "./codec/jobsResponse";
import { encodeListJobsQuery } from "./codec/listJobs";
import { CodecError } from "./codec/codecError";
import { JOB_ID_PATTERN } from "./validation";
import type { JobDetail, ListJobsPage, ListJobsQuery, TriggerJobRequest } from "./model";

/** Options of {@link CiClient}. */
export interface CiClientOptions {
  /** SecretId of the API key (`AKID…`). */
  secretId: string;
  /** SecretKey of the API key. Used only to sign; never logged, never part of an error. */
  secretKey: string;
  /** Token of temporary (STS) credentials, sent as `x-ci-security-token`. */
  securityToken?: string;
  /** Region of the bucket, e.g. `ap-guangzhou`; needed unless `endpoint` is given. */
  region?: string;
  /** Bucket with APPID, e.g. `media-1250000000`; needed unless `endpoint` is given. */
  bucket?: string;
  /** Base URL replacing `https://<bucket>.ci.<region>.myqcloud.com`; plain http only for loopback. */
  endpoint?: string;
  /** Per-attempt timeout for the response headers and body, in ms; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt of a call; default 2 (3 attempts). */
  maxRetries?: number;
  /** Backoff tuning; tests shorten it. */
  retryPolicy?: Partial<Omit<RetryPolicyOptions, "maxRetries">>;
  /** Largest response body accepted, in bytes; default 8 MiB. */
  maxResponseBytes?: number;
  /** Seconds a sign key is reused for; default 900. */
  signKeyWindowSeconds?: number;
  /** An undici dispatcher to send through (tests, proxies); default a keep-alive pool per origin. */
  dispatcher?: Dispatcher;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}


/**
 * Client for the CI inventory trigger job API: trigger, describe, list and cancel.
 *
 * undici is loaded on the first request, not when this module is imported, so that programs which
 * only declare resources do not pay for it. Idempotent calls are retried by undici's `RetryAgent`;
 * the trigger, which the API cannot make idempotent, is sent again only when it cannot have
 * reached the service.
 */
export class CiClient {
  private readonly options: CiClientOptions;
  private readonly policy: RetryPolicyOptions;
  private readonly signer: RequestSigner;
  private transportPromise?: Promise<CiTransport>;
  private ownDispatcher?: Dispatcher;

  constructor(options: CiClientOptions) {
    const missing = (["secretId", "secretKey"] as const).filter((key) => typeof options[key] !== "string" || options[key] === "");
    if (missing.length > 0) {
      throw new CiError({
        code: CLIENT_ERROR_CODES.invalidConfiguration,
        operation: "Configure",
        detail: `credentials are incomplete: ${missing.join(" and ")} missing`,
        fault: "client",
      });
    }
    resolveEndpoint(options);
    for (const key of ["maxRetries", "timeoutMs", "maxResponseBytes"] as const) {
      const value = options[key];
      if (value !== undefined && (!Number.isInteger(value) || value < (key === "maxRetries" ? 0 : 1))) {
        throw new CiError({ code: CLIENT_ERROR_CODES.invalidConfiguration, operation: "Configure", detail: `${key} must be a whole number${key === "maxRetries" ? " from 0" : " above 0"}`, fault: "client" });
      }
    }
    this.signer = createSigner(options);
    this.options = { ...options };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  }

  /**
   * Triggers a batch job and returns it as the service reports it.
   *
   * Never triggers twice on its own: the request is sent again only when it cannot have reached the
   * service (a refused connection, throttling). After an ambiguous failure (the connection broke
   * after the request was sent, no response in time, or a 5xx) it throws a {@link CiError} whose
   * `maybeSent` is true: the job may exist, and only the caller knows which jobs existed before (see
   * the dynamic provider's trigger-once module).
   */
  async triggerJob(request: TriggerJobRequest): Promise<JobDetail> {
    const operation = "TriggerJob";
    if (typeof request?.name !== "string" || request.name === "") {
      throw argumentError(operation, "request.name is required: the service needs it and callers rely on it to avoid duplicates");
    }
    const body = encodeTriggerJobRequest(request);
    const transport = await this.transport();
    let lastError: CiError | undefined;
    for (let attempt = 0; attempt <= this.policy.maxRetries; attempt++) {
      if (attempt > 0) await sleep(backoffDelayMs(attempt, this.policy, retryAfterOf(lastError)));
      try {
        const response = await transport.send({ operation, method: "POST", path: "/inventorytriggerjob", body });
        const job = decode(operation, response.body, response.requestId).jobs[0];
        if (job === undefined) {
          throw new CiError({ code: CLIENT_ERROR_CODES.malformedResponse, operation, detail: "the response holds no JobsDetail", fault: "server", requestId: response.requestId });
        }
        return job;
      } catch (error) {
        if (!(error instanceof CiError) || !error.retryable) throw error;
        if (isAmbiguous(error)) throw maybeSentError(operation, error);
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * Returns a job, or `undefined` when the service reports it in `NonExistJobIds`. A body that does
   * neither is malformed: taking it for "gone" or for another job would mislead every caller.
   */
  async describeJob(jobId: string): Promise<JobDetail | undefined> {
    const operation = "DescribeJob";
    checkJobId(operation, jobId);
    const transport = await this.transport();
    const response = await transport.send({ operation, method: "GET", path: `/inventorytriggerjob/${jobId}` });
    const decoded = decode(operation, response.body, response.requestId);
    const job = decoded.jobs.find((candidate) => candidate.jobId === jobId);
    if (job !== undefined) return job;
    if (decoded.nonExistJobIds.includes(jobId)) return undefined;
    throw new CiError({
      code: CLIENT_ERROR_CODES.malformedResponse,
      operation,
      detail: "the response neither describes the requested job nor lists it in NonExistJobIds",
      fault: "server",
      requestId: response.requestId,
    });
  }

  /** Returns one page of jobs; pass the returned `nextToken` back to get the next. */
  async listJobsPage(query: ListJobsQuery = {}): Promise<ListJobsPage> {
    const operation = "ListJobs";
    if (query.size !== undefined && (!Number.isInteger(query.size) || query.size < 1 || query.size > 100)) {
      throw argumentError(operation, `query.size must be an integer from 1 to 100, got ${String(query.size)}`);
    }
    const transport = await this.transport();
    const response = await transport.send({ operation, method: "GET", path: "/inventorytriggerjob", query: encodeListJobsQuery(query) });
    const decoded = decode(operation, response.body, response.requestId);
    const nextToken = decoded.nextToken === undefined || decoded.nextToken === "" ? undefined : decoded.nextToken;
    return { jobs: decoded.jobs, nextToken, requestId: decoded.requestId ?? response.requestId };
  }

  /** Iterates over every job matching the query, following `NextToken`; holds one page at a time. */
  async *listJobs(query: ListJobsQuery = {}): AsyncIterable<JobDetail> {
    let nextToken = query.nextToken;
    const seen = new Set<string>();
    do {
      const page = await this.listJobsPage({ ...query, nextToken });
      yield* page.jobs;
      // A service that hands back a token it already gave would loop forever; stop instead.
      if (page.nextToken !== undefined && seen.has(page.nextToken)) return;
      if (page.nextToken !== undefined) seen.add(page.nextToken);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  }

  /** Cancels a job (`PUT /inventorytriggerjob/<jobId>?cancel`). */
  async cancelJob(jobId: string): Promise<void> {
    const operation = "CancelJob";
    checkJobId(operation, jobId);
    const transport = await this.transport();
    await transport.send({ operation, method: "PUT", path: `/inventorytriggerjob/${jobId}`, query: { cancel: "" } });
  }

  /** Closes the connections this client opened; an injected dispatcher is left to its owner. */
  async close(): Promise<void> {
    const dispatcher = this.ownDispatcher;
    this.ownDispatcher = undefined;
    this.transportPromise = undefined;
    await dispatcher?.close();
  }

  private transport(): Promise<CiTransport> {
    this.transportPromise ??= this.createTransport();
    return this.transportPromise;
  }

  private async createTransport(): Promise<CiTransport> {
    const undici = await import("undici");
    const base = this.options.dispatcher ?? (this.ownDispatcher = new undici.Agent({ keepAliveTimeout: 10_000, connections: 32 }));
    return new CiTransport({
      baseUrl: resolveEndpoint(this.options),
      signer: this.signer,
      securityToken: this.options.securityToken,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      maxResponseBytes: this.options.maxResponseBytes ?? 8 * 1024 * 1024,
      dispatcher: base,
      retryingDispatcher: new undici.RetryAgent(base, undiciRetryOptions(this.policy)),
      clock: this.options.clock ?? Date.now,
    });
  }
}

/** The signer of the client's credentials; credentials or a key window it cannot use are refused here. */
function createSigner(options: CiClientOptions): RequestSigner {
  try {
    return new RequestSigner({ secretId: options.secretId, secretKey: options.secretKey }, { windowSeconds: options.signKeyWindowSeconds });
  } catch (cause) {
    if (!(cause instanceof SigningError)) throw cause;
    // The signer's messages name the field at fault, never its value.
    throw new CiError({ code: CLIENT_ERROR_CODES.invalidConfiguration, operation: "Configure", detail: cause.message, fault: "client" });
  }
}

function decode(operation: string, body: string, requestId?: string): JobsResponse {
  try {
    return decodeJobsResponse(body);
  } catch (cause) {
    if (!(cause instanceof CodecError)) throw cause;
    throw new CiError({ code: CLIENT_ERROR_CODES.malformedResponse, operation, detail: cause.message, fault: "server", requestId, cause });
  }
}

/** A failure after which the service may have created the job: it must be looked up, not re-sent. */
function isAmbiguous(error: CiError): boolean {
  if ("maybeSent" in error) return (error as CiError & { maybeSent: boolean }).maybeSent;
  return error.statusCode !== undefined && error.statusCode >= 500;
}

/**
 * The error of a trigger that may have created its job: the cause's code, status and ids, marked
 * `maybeSent` so that callers look the job up instead of sending the trigger again.
 */
function maybeSentError(operation: string, cause: CiError): CiError & { maybeSent: true } {
  const error = new CiError({
    code: cause.code,
    operation,
    detail: `the request may have been sent and the job created (${cause.message.replace(`${operation} failed: `, "")})`,
    statusCode: cause.statusCode,
    requestId: cause.requestId,
    traceId: cause.traceId,
    retryable: true,
    fault: cause.fault,
    cause,
  });
  return Object.assign(error, { maybeSent: true as const });
}

/** The `Retry-After` the service sent with an error response, if any. */
function retryAfterOf(error: CiError | undefined): string | undefined {
  return error !== undefined && "retryAfter" in error && typeof error.retryAfter === "string" ? error.retryAfter : undefined;
}

function checkJobId(operation: string, jobId: string): void {
  if (typeof jobId !== "string" || !JOB_ID_PATTERN.test(jobId)) {
    throw argumentError(operation, `jobId must be 1-128 letters, digits, '-' or '_', got ${JSON.stringify(jobId)}`);
  }
}

function argumentError(operation: string, detail: string): CiError {
  return new CiError({ code: CLIENT_ERROR_CODES.invalidArgument, operation, detail, fault: "client" });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
