/**
 * Times the four clients of `clients.ts` against one emulator: describe (GET) and trigger (POST),
 * one request at a time and at a given concurrency.
 *
 * Each round runs every cell (operation × concurrency × client) once, rotating the order of the
 * clients from round to round so that none is always first or last after a pause. Ratios between
 * clients are taken within each round and then summarised, so that a slow spell of the machine
 * shifts both sides of a ratio instead of one.
 */
import { createClients, CLIENT_NAMES, type BenchClient, type ClientName, type Operation } from "./clients";
import type { EmulatorHandle } from "./emulatorProcess";
import { percentile, spread, type Spread } from "./stats";

/** How much to run. */
export interface ClientBenchOptions {
  /** Requests per sequential cell. */
  sequentialRequests: number;
  /** Requests per concurrent cell. */
  concurrentRequests: number;
  /** Requests in flight in a concurrent cell. */
  concurrency: number;
  /** Timed rounds. */
  rounds: number;
  /** Untimed requests per cell before the first round. */
  warmupRequests: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** One operation at one concurrency. */
export interface Scenario {
  operation: Operation;
  concurrency: number;
}

/** What one cell measured in one round. */
export interface CellRound {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this (the client's) process per request. */
  clientCpuMicros: number;
  /** CPU time of the emulator's process per request. */
  emulatorCpuMicros: number;
}

/** One client in one scenario, over all rounds. */
export interface CellSummary extends Scenario {
  client: ClientName;
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  clientCpuMicros: Spread;
  emulatorCpuMicros: Spread;
}

/** A ratio between two clients in one scenario, taken per round. */
export interface RatioSummary extends Scenario {
  /** e.g. `ours / sdk`. */
  label: string;
  /** Throughput of the left client over the right one's. */
  requestsPerSecond: Spread;
  /** Client CPU per request of the right client over the left one's (above 1: the left one is cheaper). */
  clientCpu: Spread;
}

/** Everything the client benchmark found. */
export interface ClientBenchResult {
  options: Omit<ClientBenchOptions, "log">;
  descriptions: Record<ClientName, string>;
  cells: CellSummary[];
  /** `ours / sdk`: how many times the SDK's throughput ours reaches (and the SDK's CPU ÷ ours). */
  oursVsSdk: RatioSummary[];
  /** `ideal / ours`: how many times our throughput the ideal loop reaches (and ours CPU ÷ ideal). */
  idealVsOurs: RatioSummary[];
  /** Wall time of the timed rounds, in seconds. */
  seconds: number;
}

/** Runs `call` `total` times, `concurrency` at a time; returns the wall time and each latency (ms). */
export async function runLoad(
  call: () => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<{ elapsedMs: number; latenciesMs: Float64Array; cpuMicros: number }> {
  const latenciesMs = new Float64Array(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const start = process.hrtime.bigint();
      await call();
      latenciesMs[index] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { elapsedMs, latenciesMs, cpuMicros: cpu.user + cpu.system };
}

function callOf(client: BenchClient, operation: Operation): () => Promise<unknown> {
  return operation === "GET" ? () => client.describe() : () => client.trigger();
}

/** Runs the client benchmark against a running emulator. */
export async function runClientBench(emulator: EmulatorHandle, options: ClientBenchOptions): Promise<ClientBenchResult> {
  const log = options.log ?? (() => undefined);
  let jobId = "";
  const clients = createClients({ url: emulator.url, jobId: () => jobId });
  const byName = new Map(clients.map((client) => [client.name, client]));
  const ideal = byName.get("ideal") as BenchClient;
  const scenarios: Scenario[] = [
    { operation: "GET", concurrency: 1 },
    { operation: "GET", concurrency: options.concurrency },
    { operation: "POST", concurrency: 1 },
    { operation: "POST", concurrency: options.concurrency },
  ];
  const requestsFor = (scenario: Scenario) => (scenario.concurrency === 1 ? options.sequentialRequests : options.concurrentRequests);
  const key = (client: ClientName, scenario: Scenario) => `${client} ${scenario.operation} ${scenario.concurrency}`;
  const rounds = new Map<string, CellRound[]>();

  const freshEmulator = async () => {
    await emulator.reset();
    jobId = await ideal.trigger();
  };

  try {
    await freshEmulator();
    log(`warm-up: ${options.warmupRequests} requests per cell`);
    for (const scenario of scenarios) {
      for (const client of clients) {
        await runLoad(callOf(client, scenario.operation), options.warmupRequests, scenario.concurrency);
      }
    }

    const started = process.hrtime.bigint();
    for (let round = 0; round < options.rounds; round++) {
      await freshEmulator();
      for (const scenario of scenarios) {
        const order = clients.map((_, index) => clients[(index + round) % clients.length]);
        for (const client of order) {
          const total = requestsFor(scenario);
          const emulatorBefore = await emulator.cpuMicros();
          const load = await runLoad(callOf(client, scenario.operation), total, scenario.concurrency);
          const emulatorCpu = (await emulator.cpuMicros()) - emulatorBefore;
          const list = rounds.get(key(client.name, scenario)) ?? [];
          list.push({
            requestsPerSecond: total / (load.elapsedMs / 1000),
            p50Ms: percentile(load.latenciesMs, 50),
            p99Ms: percentile(load.latenciesMs, 99),
            clientCpuMicros: load.cpuMicros / total,
            emulatorCpuMicros: emulatorCpu / total,
          });
          rounds.set(key(client.name, scenario), list);
        }
      }
      log(`round ${round + 1}/${options.rounds} done`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const roundsOf = (client: ClientName, scenario: Scenario) => rounds.get(key(client, scenario)) ?? [];
    const cells: CellSummary[] = [];
    for (const scenario of scenarios) {
      for (const client of CLIENT_NAMES) {
        const list = roundsOf(client, scenario);
        cells.push({
          ...scenario,
          client,
          requestsPerSecond: spread(list.map((item) => item.requestsPerSecond)),
          p50Ms: spread(list.map((item) => item.p50Ms)),
          p99Ms: spread(list.map((item) => item.p99Ms)),
          clientCpuMicros: spread(list.map((item) => item.clientCpuMicros)),
          emulatorCpuMicros: spread(list.map((item) => item.emulatorCpuMicros)),
        });
      }
    }
    // `a / b` per round: throughput of a over b, and CPU per request of b over a (both "a is this much better").
    const ratio = (a: ClientName, b: ClientName): RatioSummary[] =>
      scenarios.map((scenario) => {
        const left = roundsOf(a, scenario);
        const right = roundsOf(b, scenario);
        return {
          ...scenario,
          label: `${a} / ${b}`,
          requestsPerSecond: spread(left.map((item, index) => item.requestsPerSecond / right[index].requestsPerSecond)),
          clientCpu: spread(left.map((item, index) => right[index].clientCpuMicros / item.clientCpuMicros)),
        };
      });
    return {
      options: {
        sequentialRequests: options.sequentialRequests,
        concurrentRequests: options.concurrentRequests,
        concurrency: options.concurrency,
        rounds: options.rounds,
        warmupRequests: options.warmupRequests,
      },
      descriptions: Object.fromEntries(clients.map((client) => [client.name, client.description])) as Record<ClientName, string>,
      cells,
      oursVsSdk: ratio("ours", "sdk"),
      idealVsOurs: ratio("ideal", "ours"),
      seconds,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}
