/**
 * The four ways of calling the emulator that the client benchmark compares, each able to describe
 * one job (GET) and trigger one (POST):
 *
 * - `ours`: this project's {@link CiClient};
 * - `sdk`: the vendor's Node SDK (`cos-nodejs-sdk-v5`) through `cos.request`, the way its CI
 *   examples call the CI API, building the body with its own `util.json2xml`;
 * - `ideal`: a minimal loop over undici that encodes the body, signs with {@link signRequest}
 *   and decodes with {@link decodeJobsResponse}, and nothing else: the mark our client aims for;
 * - `bare`: undici with a body and `Authorization` computed once before the run, and the answer
 *   read but not decoded: the lower bound of this transport on this machine.
 *
 * Every call checks that it got a 200 and a job, so a benchmark never times error answers.
 */
import COS = require("cos-nodejs-sdk-v5");
import { Agent } from "undici";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID } from "../emulator";
import { CiClient } from "../provider/client/ciClient";
import { decodeJobsResponse } from "../provider/codec/jobsResponse";
import { encodeTriggerJobRequest } from "../provider/codec/triggerJob";
import type { TriggerJobRequest } from "../provider/model";
import { signRequest } from "../provider/signing/signer";

/** Names of the clients, in the order tables list them. */
export const CLIENT_NAMES = ["ours", "sdk", "ideal", "bare"] as const;

/** One of {@link CLIENT_NAMES}. */
export type ClientName = (typeof CLIENT_NAMES)[number];

/** The two calls the benchmark times. */
export type Operation = "GET" | "POST";

/** A client under test. */
export interface BenchClient {
  name: ClientName;
  /** What it is, for the tables. */
  description: string;
  /** Describes the benchmark job; resolves to its id. */
  describe(): Promise<string>;
  /** Triggers a job; resolves to its id. */
  trigger(): Promise<string>;
  /** Closes its connections. */
  close(): Promise<void>;
}

/** What the clients need to know about the emulator. */
export interface ClientContext {
  /** Emulator base URL. */
  url: string;
  /** Id of the job the GET benchmark describes. */
  jobId: () => string;
}

/** The trigger every client sends: a workflow over a prefix, as the demo does. */
export const BENCH_TRIGGER: TriggerJobRequest = {
  name: "bench-trigger",
  type: "Workflow",
  input: { prefix: "input/" },
  operation: { workflowIds: [DEMO_WORKFLOW_ID] },
};

/** The keep-alive pool every undici-based client uses, as {@link CiClient} builds its own. */
function newAgent(): Agent {
  return new Agent({ keepAliveTimeout: 10_000, connections: 32 });
}

function fail(client: ClientName, what: string): never {
  throw new Error(`${client}: ${what}`);
}

/** This project's client. */
export function oursClient(context: ClientContext): BenchClient {
  const client = new CiClient({ ...DEMO_CREDENTIALS, endpoint: context.url });
  return {
    name: "ours",
    description: "`CiClient` (provider/client/ciClient.ts)",
    describe: async () => (await client.describeJob(context.jobId()))?.jobId ?? fail("ours", "job not found"),
    trigger: async () => (await client.triggerJob(BENCH_TRIGGER)).jobId,
    close: () => client.close(),
  };
}

/** The vendor SDK's generic request path, which is how its CI examples reach the CI API. */
export function sdkClient(context: ClientContext): BenchClient {
  const cos = new COS({ SecretId: DEMO_CREDENTIALS.secretId, SecretKey: DEMO_CREDENTIALS.secretKey, KeepAlive: true, Protocol: "http:" });
  const jobOf = (data: COS.RequestResult): string => {
    // The SDK types its decoded answer as `any`; read it as the shape CI answers with, checked below.
    const answer = data as { Response?: { JobsDetail?: { JobId?: unknown } | { JobId?: unknown }[] } };
    const detail = answer.Response?.JobsDetail;
    const job = Array.isArray(detail) ? detail[0] : detail;
    return typeof job?.JobId === "string" ? job.JobId : fail("sdk", "no JobsDetail in the answer");
  };
  const request = (params: COS.RequestParams): Promise<COS.RequestResult> =>
    new Promise((resolve, reject) => {
      cos.request(params, (error, data) => {
        if (error) reject(Object.assign(new Error(`sdk: ${error.code} ${error.message}`), { cause: error }));
        else if (data.statusCode !== 200) reject(new Error(`sdk: HTTP ${String(data.statusCode)}`));
        else resolve(data);
      });
    });
  return {
    name: "sdk",
    description:
      "`cos-nodejs-sdk-v5` 3.0 `cos.request`, the call its CI examples use, body built with its `util.json2xml`; " +
      "it signs `host` (and `content-length`, `content-type` on a POST) with its own signer, which the emulator accepts",
    describe: async () => {
      const key = `inventorytriggerjob/${context.jobId()}`;
      return jobOf(await request({ Method: "GET", Key: key, Url: `${context.url}/${key}` }));
    },
    trigger: async () => {
      const body = COS.util.json2xml({
        Request: {
          Name: BENCH_TRIGGER.name,
          Type: BENCH_TRIGGER.type,
          Input: { Prefix: BENCH_TRIGGER.input.prefix },
          Operation: { WorkflowIds: BENCH_TRIGGER.operation.workflowIds?.join(",") },
        },
      });
      return jobOf(
        await request({
          Method: "POST",
          Key: "inventorytriggerjob",
          Url: `${context.url}/inventorytriggerjob`,
          Body: body,
          Headers: { "Content-Type": "application/xml" },
        }),
      );
    },
    close: () => Promise.resolve(),
  };
}

/** The least a signed, decoded call needs: encode, sign, send, read, decode. */
export function idealClient(context: ClientContext): BenchClient {
  const agent = newAgent();
  const origin = new URL(context.url);
  const host = origin.host;
  const call = async (method: Operation, path: string, body?: string): Promise<string> => {
    const headers: Record<string, string> = { host };
    if (body !== undefined) {
      headers["content-type"] = "application/xml";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    headers.authorization = signRequest({ method, path, headers }, DEMO_CREDENTIALS, Math.floor(Date.now() / 1000));
    const response = await agent.request({ origin: origin.origin, path, method, headers, body });
    const text = await response.body.text();
    if (response.statusCode !== 200) fail("ideal", `HTTP ${response.statusCode}`);
    return decodeJobsResponse(text).jobs[0]?.jobId ?? fail("ideal", "no JobsDetail in the answer");
  };
  return {
    name: "ideal",
    description: "undici + `signRequest` + `decodeJobsResponse`, nothing else",
    describe: () => call("GET", `/inventorytriggerjob/${context.jobId()}`),
    trigger: () => call("POST", "/inventorytriggerjob", encodeTriggerJobRequest(BENCH_TRIGGER)),
    close: () => agent.close(),
  };
}

/**
 * undici alone. The `Authorization` values are computed once, at the first call, and reused: they
 * stay valid for at least a whole signing window (15 minutes), longer than any run.
 */
export function bareClient(context: ClientContext): BenchClient {
  const agent = newAgent();
  const origin = new URL(context.url);
  const body = encodeTriggerJobRequest(BENCH_TRIGGER);
  const now = Math.floor(Date.now() / 1000);
  const postHeaders: Record<string, string> = {
    host: origin.host,
    "content-type": "application/xml",
    "content-length": String(Buffer.byteLength(body)),
  };
  postHeaders.authorization = signRequest({ method: "POST", path: "/inventorytriggerjob", headers: postHeaders }, DEMO_CREDENTIALS, now);
  let get: { jobId: string; path: string; headers: Record<string, string> } | undefined;
  const getRequest = () => {
    const jobId = context.jobId();
    if (get?.jobId !== jobId) {
      const path = `/inventorytriggerjob/${jobId}`;
      const headers: Record<string, string> = { host: origin.host };
      headers.authorization = signRequest({ method: "GET", path, headers }, DEMO_CREDENTIALS, Math.floor(Date.now() / 1000));
      get = { jobId, path, headers };
    }
    return get;
  };
  const send = async (method: Operation, path: string, headers: Record<string, string>, payload?: string): Promise<string> => {
    const response = await agent.request({ origin: origin.origin, path, method, headers, body: payload });
    await response.body.dump({ limit: 1 << 20 });
    return response.statusCode === 200 ? "" : fail("bare", `HTTP ${response.statusCode}`);
  };
  return {
    name: "bare",
    description: "undici, `Authorization` computed once, answer not decoded (lower bound)",
    describe: () => {
      const { path, headers } = getRequest();
      return send("GET", path, headers);
    },
    trigger: () => send("POST", "/inventorytriggerjob", postHeaders, body),
    close: () => agent.close(),
  };
}

/** Creates one client of each kind. */
export function createClients(context: ClientContext): BenchClient[] {
  const factories: Record<ClientName, (context: ClientContext) => BenchClient> = {
    ours: oursClient,
    sdk: sdkClient,
    ideal: idealClient,
    bare: bareClient,
  };
  return CLIENT_NAMES.map((name) => factories[name](context));
}
