import type { Dispatcher } from "undici";
import { CiError, CLIENT_ERROR_CODES, isJobGoneError } from "./errors";
import { resolveEndpoint } from "./endpoint";
import {
  DEFAULT_RETRY_POLICY,
  decideAfterTriggerFailure,
  isClockSkewRefusal,
  RetryListener,
  RetryPolicyOptions,
  undiciRetryOptions,
} from "./retryPolicy";
import { RequestSigner, SigningError } from "../signing/signer";
import { connectionCodeOf, retryReason } from "./failures";
import { CiTransport } from "./transport";
import type { CallProgress, CiResponse } from "./transport";
import { loadDispatchers } from "./undiciDispatchers";
import { SYSTEM_TIME, type ClientTime } from "./time";
import { encodeTriggerJobRequest } from "../codec/triggerJob";
import { decodeJobsResponse, JobsResponse } from "../codec/jobsResponse";
import { encodeListJobsQuery } from "../codec/listJobs";
import { CodecError } from "../codec/codecError";
import { JOB_ID_PATTERN, JOB_TYPES, parseServiceTime } from "../model";
import type { JobDetail, ListJobsPage, ListJobsQuery, TriggerJobRequest } from "../model";

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
  /**
   * Per-attempt timeout in ms: the longest wait for the response headers, and between two chunks
   * of the body; default {@link DEFAULT_TIMEOUT_MS}.
   */
  timeoutMs?: number;
  /**
   * Longest wait for a connection (name resolution included), in ms; default
   * {@link DEFAULT_CONNECT_TIMEOUT_MS} or `timeoutMs` if shorter. Applies to the client's own
   * connection pool; an injected `dispatcher` keeps its own.
   */
  connectTimeoutMs?: number;
  /** Retries after the first attempt of a call; default 2 (3 attempts). */
  maxRetries?: number;
  /** Backoff and deadlines; tests shorten them. */
  retryPolicy?: Partial<Omit<RetryPolicyOptions, "maxRetries">>;
  /** Told before each retry (attempt n of m, the wait, why), for progress lines. */
  onRetry?: RetryListener;
  /** Largest response body accepted, in bytes; default 8 MiB. */
  maxResponseBytes?: number;
  /** Seconds a sign key is reused for; default 900. */
  signKeyWindowSeconds?: number;
  /** An undici dispatcher to send through (tests, proxies); default a keep-alive pool per origin. */
  dispatcher?: Dispatcher;
  /**
   * Wall clock in ms since the epoch, default `Date.now`: the time requests are signed with (the
   * service refuses a skewed one) and a `Retry-After` date is measured from. Deadlines do not use
   * it, so a skewed clock neither shortens nor stretches a call.
   */
  clock?: () => number;
  /**
   * Monotonic time in ms from any origin, default `performance.now`: when each call began, how much
   * of its deadline is left, and the time its error says it gave up after. Tests pass a clock that
   * only their `sleep` advances, so deadlines pass without waiting for them.
   */
  now?: () => number;
  /**
   * Waits `ms` before a retry, of the trigger and of the idempotent calls alike; default a real
   * timer. Tests pass one that records the wait and returns at once. undici's I/O timeouts
   * (`timeoutMs`, `connectTimeoutMs`) and the cut-off at a call's deadline stay real.
   */
  sleep?: (ms: number) => Promise<void>;
}

/** Options of one {@link CiClient.triggerJob} call. */
export interface TriggerJobOptions {
  /**
   * Looks for the job a send that may have reached the service created (`lost` says why it may
   * have): resolves to it, or to `undefined` once sure that send created none, which allows the next
   * send. A rejection ends the call with it.
   */
  findCreated?: (lost: CiError) => Promise<JobDetail | undefined>;
}

/** Default per-attempt timeout: far above the service's usual sub-second answers. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Default connect timeout, name resolution included. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Client for the CI inventory trigger job API: trigger, describe, list and cancel.
 *
 * undici's dispatchers are loaded on the first request, not when this module is imported, so that
 * programs which only declare resources do not pay for them. Idempotent calls are retried by
 * undici's `RetryAgent`; the trigger, which the API cannot make idempotent, is sent again only when
 * it cannot have reached the service (see {@link CiClient.triggerJob}).
 */
export class CiClient {
  // Only what requests need is kept, in private fields, never the options object: the key lives in
  // the signer, and neither it nor the token may show in `util.inspect`, `JSON.stringify` or logs.
  readonly #signer: RequestSigner;
  readonly #securityToken: string | undefined;
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #policy: RetryPolicyOptions;
  readonly #onRetry: RetryListener | undefined;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #time: ClientTime;
  #transport?: CiTransport;
  #ownDispatcher?: Dispatcher;

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
    const baseUrl = resolveEndpoint(options);
    for (const key of ["maxRetries", "timeoutMs", "connectTimeoutMs", "maxResponseBytes"] as const) {
      const value = options[key];
      if (value !== undefined && (!Number.isInteger(value) || value < (key === "maxRetries" ? 0 : 1))) {
        throw new CiError({
          code: CLIENT_ERROR_CODES.invalidConfiguration,
          operation: "Configure",
          detail: `${key} must be a whole number${key === "maxRetries" ? " from 0" : " above 0"}`,
          fault: "client",
        });
      }
    }
    this.#signer = createSigner(options);
    this.#securityToken = options.securityToken;
    this.#baseUrl = baseUrl;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? Math.min(DEFAULT_CONNECT_TIMEOUT_MS, this.#timeoutMs);
    this.#maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
    // A deadline shorter than two attempts would leave no room for a single retry after a timeout.
    policy.callDeadlineMs = Math.max(policy.callDeadlineMs, 2 * this.#timeoutMs + this.#connectTimeoutMs);
    this.#policy = policy;
    this.#onRetry = options.onRetry;
    this.#dispatcher = options.dispatcher;
    this.#time = {
      clock: options.clock ?? SYSTEM_TIME.clock,
      now: options.now ?? SYSTEM_TIME.now,
      sleep: options.sleep ?? SYSTEM_TIME.sleep,
    };
  }

  /** Shows where the client points, never its credentials. */
  toString(): string {
    return `CiClient(${this.#baseUrl.origin})`;
  }

  /** What `JSON.stringify` writes: the endpoint only. */
  toJSON(): { endpoint: string } {
    return { endpoint: this.#baseUrl.origin };
  }

  /**
   * Triggers a batch job and returns it as the service reports it.
   *
   * Never triggers twice. Each failed send is classified by {@link decideAfterTriggerFailure}: one
   * that cannot have reached the service (a refused connection, throttling, a skewed signing time)
   * is sent again after the policy's wait. After one that may have created the job (the connection
   * broke or went silent after sending, a 5xx) nothing is sent before `options.findCreated` has
   * looked for that job: it returns the job if the failed send created it, or `undefined` once it is
   * sure none was (provider/dynamic/triggerOnce.ts looks over a visibility window). Without
   * `findCreated`, such a failure is thrown as a {@link CiError} with `maybeSent`.
   */
  async triggerJob(request: TriggerJobRequest, options: TriggerJobOptions = {}): Promise<JobDetail> {
    const operation = "TriggerJob";
    // Untyped programs can pass anything, so the name is checked as a value of unknown type.
    const name: unknown = (request as Partial<TriggerJobRequest> | undefined)?.name;
    if (typeof name !== "string" || name === "") {
      throw argumentError(operation, "request.name is required: the service needs it and callers rely on it to avoid duplicates");
    }
    const body = encodeTriggerJobRequest(request);
    const transport = this.transport();
    let call = transport.startCall();
    let skewResent = false;
    for (let send = 1; ; send++) {
      let error: unknown;
      try {
        return await this.sendTrigger(transport, body, call);
      } catch (failure) {
        error = failure;
      }
      const decision = decideAfterTriggerFailure(
        error,
        { retry: send, elapsedMs: this.#time.now() - call.startedAt, clockMs: this.#time.clock(), skewResent },
        this.#policy,
      );
      if (decision.action === "fail") throw error;
      const failure = error as CiError;
      let delayMs = 0;
      let reason = retryReason({ statusCode: failure.statusCode, code: connectionCodeOf(failure) }, this.#timeoutMs);
      if (decision.action === "lookUp") {
        const lost = maybeSentError(operation, failure);
        if (options.findCreated === undefined) throw lost;
        const created = await options.findCreated(lost);
        if (created !== undefined) return created;
        // The look-up had its whole window and found no job: that send created none, so sending
        // again is the only way to get the job. The look-up's window was its wait.
        if (send > this.#policy.maxRetries) throw lost;
        reason += ", and no job was listed for it";
        call = transport.startCall();
      } else {
        delayMs = decision.delayMs;
        skewResent ||= isClockSkewRefusal(failure);
      }
      this.#onRetry?.({
        operation,
        endpoint: transport.endpoint,
        attempt: send + 1,
        maxAttempts: this.#policy.maxRetries + 1,
        delayMs,
        reason,
      });
      if (delayMs > 0) await this.#time.sleep(delayMs);
    }
  }

  /** One send of a trigger, decoded. */
  private async sendTrigger(transport: CiTransport, body: string, call: CallProgress): Promise<JobDetail> {
    const operation = "TriggerJob";
    const response = await transport.send({ operation, method: "POST", path: "/inventorytriggerjob", body }, call);
    const job = decode(operation, response.body, response.requestId).jobs.at(0);
    if (job === undefined) {
      throw new CiError({
        code: CLIENT_ERROR_CODES.malformedResponse,
        operation,
        detail: "the response holds no JobsDetail",
        fault: "server",
        requestId: response.requestId,
      });
    }
    return job;
  }

  /**
   * Returns a job, or `undefined` when the service reports it in `NonExistJobIds` or answers 404 with a
   * code of {@link GONE_JOB_ERROR_CODES}. A body that does
   * neither is malformed: taking it for "gone" or for another job would mislead every caller.
   */
  async describeJob(jobId: string): Promise<JobDetail | undefined> {
    const operation = "DescribeJob";
    checkJobId(operation, jobId);
    const transport = this.transport();
    let response: CiResponse;
    try {
      response = await transport.send({ operation, method: "GET", path: `/inventorytriggerjob/${jobId}` });
    } catch (error) {
      // A service may answer an unknown id with 404 instead of listing it in NonExistJobIds.
      if (isJobGoneError(error)) return undefined;
      throw error;
    }
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

  /**
   * Returns one page of jobs; pass the returned `nextToken` back to get the next. A page is the
   * service's answer to one request, so without `type` it holds whatever the service lists by
   * default (one type); {@link CiClient.listJobs} lists both types.
   */
  async listJobsPage(query: ListJobsQuery = {}): Promise<ListJobsPage> {
    const operation = "ListJobs";
    if (query.size !== undefined && (!Number.isInteger(query.size) || query.size < 1 || query.size > 100)) {
      throw argumentError(operation, `query.size must be an integer from 1 to 100, got ${String(query.size)}`);
    }
    const transport = this.transport();
    const response = await transport.send({ operation, method: "GET", path: "/inventorytriggerjob", query: encodeListJobsQuery(query) });
    const decoded = decode(operation, response.body, response.requestId);
    const nextToken = decoded.nextToken === undefined || decoded.nextToken === "" ? undefined : decoded.nextToken;
    return { jobs: decoded.jobs, nextToken, requestId: decoded.requestId ?? response.requestId };
  }

  /**
   * Iterates over every job matching the query, following `NextToken`; holds one page per type at a
   * time. Without `type`, Workflow and Job jobs are listed alike: the list page names `type` without
   * saying what an absent one means, and a service that lists only its default type would hide the
   * other kind. So each type is paged on its own and the two are merged by creation time, in the
   * query's order. (A `nextToken` belongs to one type's listing, so a query holding one is sent as
   * it is.)
   */
  listJobs(query: ListJobsQuery = {}): AsyncIterable<JobDetail> {
    if (query.type !== undefined || query.nextToken !== undefined) return this.listJobsOfOneKind(query);
    const descending = (query.orderByTime ?? "Desc") === "Desc";
    return mergeByCreationTime(
      JOB_TYPES.map((type) => this.listJobsOfOneKind({ ...query, type })),
      descending,
    );
  }

  /** Pages through one listing as the service returns it. */
  private async *listJobsOfOneKind(query: ListJobsQuery): AsyncIterable<JobDetail> {
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
    const transport = this.transport();
    await transport.send({ operation, method: "PUT", path: `/inventorytriggerjob/${jobId}`, query: { cancel: "" } });
  }

  /** Closes the connections this client opened; an injected dispatcher is left to its owner. */
  async close(): Promise<void> {
    const dispatcher = this.#ownDispatcher;
    this.#ownDispatcher = undefined;
    this.#transport = undefined;
    await dispatcher?.close();
  }

  private transport(): CiTransport {
    this.#transport ??= this.createTransport();
    return this.#transport;
  }

  private createTransport(): CiTransport {
    const undici = loadDispatchers();
    const base =
      this.#dispatcher ??
      (this.#ownDispatcher = new undici.Agent({ keepAliveTimeout: 10_000, connections: 32, connect: { timeout: this.#connectTimeoutMs } }));
    const policy = this.#policy;
    return new CiTransport({
      baseUrl: this.#baseUrl,
      signer: this.#signer,
      securityToken: this.#securityToken,
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: this.#maxResponseBytes,
      policy,
      onRetry: this.#onRetry,
      dispatcher: base,
      // A RetryAgent holds no connections of its own; one per call lets its retries know the call.
      retryingDispatcher: (context) => new undici.RetryAgent(base, undiciRetryOptions(policy, context)),
      time: this.#time,
    });
  }
}

/**
 * Merges listings that are each ordered by creation time into one, in the same order. A job whose
 * creation time cannot be read sorts as it comes, before the other listing's next job.
 */
async function* mergeByCreationTime(listings: AsyncIterable<JobDetail>[], descending: boolean): AsyncIterable<JobDetail> {
  const iterators = listings.map((listing) => listing[Symbol.asyncIterator]());
  const instant = (job: JobDetail) => (job.creationTime === undefined ? undefined : parseServiceTime(job.creationTime)?.getTime());
  try {
    yield* mergeHeads(iterators, instant, descending);
  } finally {
    // A caller that stops early (a limit) ends the listings still open.
    await Promise.all(
      iterators.map(async (iterator) => {
        await iterator.return?.();
      }),
    );
  }
}

async function* mergeHeads(
  iterators: AsyncIterator<JobDetail>[],
  instant: (job: JobDetail) => number | undefined,
  descending: boolean,
): AsyncIterable<JobDetail> {
  const heads: IteratorResult<JobDetail>[] = [];
  for (const iterator of iterators) heads.push(await iterator.next());
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head.done) continue;
      if (pick === -1) {
        pick = i;
        continue;
      }
      const candidate = instant(head.value);
      const best = instant((heads[pick] as IteratorYieldResult<JobDetail>).value);
      if (candidate !== undefined && best !== undefined && (descending ? candidate > best : candidate < best)) pick = i;
    }
    if (pick === -1) return;
    yield (heads[pick] as IteratorYieldResult<JobDetail>).value;
    heads[pick] = await iterators[pick].next();
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

/**
 * The error of a trigger that may have created its job: the cause's code, status and ids, marked
 * `maybeSent` so that callers look the job up instead of sending the trigger again.
 */
function maybeSentError(operation: string, cause: CiError): CiError {
  return new CiError({
    code: cause.code,
    operation,
    detail: `the request may have been sent and the job created (${cause.message.replace(`${operation} failed: `, "")})`,
    statusCode: cause.statusCode,
    requestId: cause.requestId,
    traceId: cause.traceId,
    retryable: true,
    fault: cause.fault,
    maybeSent: true,
    cause,
  });
}

function checkJobId(operation: string, jobId: string): void {
  if (typeof jobId !== "string" || !JOB_ID_PATTERN.test(jobId)) {
    throw argumentError(operation, `jobId must be 1-128 letters, digits, '-' or '_', got ${JSON.stringify(jobId)}`);
  }
}

function argumentError(operation: string, detail: string): CiError {
  return new CiError({ code: CLIENT_ERROR_CODES.invalidArgument, operation, detail, fault: "client" });
}
