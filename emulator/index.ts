/**
 * A local Tencent Cloud CI endpoint for the inventory trigger job API: the default endpoint of the
 * demo and of every test. It checks COS signatures, validates like the service, runs job life
 * cycles on an injectable clock, pages listings, injects faults and can persist its jobs.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, seed: 7 });
 * // point a client at emulator.url with DEMO_CREDENTIALS …
 * await emulator.close();
 */
import type { AddressInfo } from "node:net";
import { CiBackend } from "./service/backend";
import type { Catalogue } from "./service/catalogue";
import { faultsFromEnv } from "./service/faultSpec";
import type { FaultOptions } from "./service/faults";
import type { LifecycleOptions } from "./service/lifecycle";
import { loadState, saveState } from "./service/persistence";
import { deriveSeed, SeededRandom } from "./service/random";
import { RequestLog } from "./http/requestLog";
import { createCiServer } from "./http/server";
import { SignatureVerifier } from "./http/signatureVerifier";
import type { Credential } from "./http/signatureVerifier";

export { CiBackend } from "./service/backend";
export type { BackendOptions, JobPage } from "./service/backend";
export { DEFAULT_CATALOGUE, DEMO_QUEUE_ID, DEMO_TEMPLATE_ID, DEMO_WORKFLOW_ID } from "./service/catalogue";
export type { Catalogue } from "./service/catalogue";
export * from "./service/errors";
export { FAULT_STATUSES, OPERATION_NAMES, validateFaults } from "./service/faults";
export type { ErrorRates, FaultOptions, FaultStatus, OperationName } from "./service/faults";
export { FAULTS_ENV_VAR, faultsFromEnv, parseFaultSpec } from "./service/faultSpec";
export { NAME_MATCHES, REFUSE_CANCELS } from "./service/serviceBehaviours";
export type { NameMatch, RefuseCancel } from "./service/serviceBehaviours";
export type { EmulatedJob } from "./service/jobRecord";
export { DEFAULT_FAILURE, DEFAULT_TRANSITIONS } from "./service/lifecycle";
export type { JobFailure, JobPlan, LifecycleOptions, LifecycleRule, Transition } from "./service/lifecycle";
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./service/listQuery";
export { RequestLog } from "./http/requestLog";
export type { RequestLogEntry } from "./http/requestLog";
export { SignatureVerifier, computeSignature, parseAuthorization } from "./http/signatureVerifier";
export type { Credential, ParsedAuthorization, SignedRequest } from "./http/signatureVerifier";

/** The well-known demo key pair every emulator accepts unless given other credentials. Not a secret. */
export const DEMO_CREDENTIALS: { secretId: string; secretKey: string } = Object.freeze({
  secretId: "AKIDCIEMULATORDEMOKEY000000000000000",
  secretKey: "ci-emulator-demo-secret-key-0000",
});

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks any free one. */
  port?: number;
  /** Address to listen on; default `127.0.0.1`. */
  host?: string;
  /** Wall clock in epoch ms; default `Date.now`. Drives job times, signature checks and `Date`. */
  clock?: () => number;
  /** Seed of job ids, request ids and faults; default 1. */
  seed?: number;
  /** Faults to inject; default from `CI_EMULATOR_FAULTS`, else none. */
  faults?: FaultOptions;
  /** The environment `CI_EMULATOR_FAULTS` is read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Job life cycles; default Submitted → Running (1 s or 1 read) → Success (3 s or 2 reads). */
  lifecycle?: LifecycleOptions;
  /** Key pairs accepted; default `[DEMO_CREDENTIALS]`. */
  credentials?: Credential[];
  /** JSON file to load jobs from at start and save them to after each change. */
  stateFile?: string;
  /** Known workflow, queue and template ids; each field given replaces the default list. */
  catalogue?: Partial<Catalogue>;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** State and test hooks: `jobs()`, `reset()`, `setFaults()`, `advanceTime()`, `failJob()`, `forget()`, … */
  backend: CiBackend;
  /** Every request received, with its answer. */
  requests: RequestLog;
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const host = options.host ?? "127.0.0.1";
  const stateFile = options.stateFile;
  const backend = new CiBackend({
    clock: options.clock,
    seed,
    catalogue: options.catalogue,
    lifecycle: options.lifecycle,
    faults: options.faults ?? faultsFromEnv(options.env),
    state: stateFile === undefined ? undefined : loadState(stateFile),
    onChange: stateFile === undefined ? undefined : (state) => saveState(stateFile, state),
  });
  const requests = new RequestLog();
  const server = createCiServer({
    backend,
    verifier: new SignatureVerifier(options.credentials ?? [DEMO_CREDENTIALS]),
    requests,
    random: new SeededRandom(deriveSeed(seed, "request-ids")),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    backend,
    requests,
    // Closing twice (a test and its cleanup hook) is harmless: both wait for the same close.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      })),
  };
}
