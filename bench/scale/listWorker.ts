/**
 * One measured listing, in a fresh process of its own so that its memory starts from the same
 * place every round: the parent forks this file with `--expose-gc`, sends a {@link ListTask}, and
 * gets a {@link ListMeasurement} back.
 *
 * The listing goes through `CiClient.listJobs` either streaming (each job looked at and dropped) or
 * collecting every job into an array, the baseline a caller without the iterator would write. Each
 * process lists twice: the first listing pays the process's one-off costs (the young generation of
 * the heap growing to its working size, compiled code), the second shows what a listing keeps.
 */
import { CiClient } from "../../provider/client/ciClient";

/** How the jobs are consumed. */
export type ListMode = "stream" | "collect";

/** What the parent asks for. */
export interface ListTask {
  url: string;
  secretId: string;
  secretKey: string;
  mode: ListMode;
  pageSize: number;
  /** Jobs the emulator holds; the listing must return exactly these. */
  expectedJobs: number;
}

/** What one listing measured. */
export interface ListingFigures {
  jobs: number;
  pages: number;
  ms: number;
  /** CPU of this process during the listing (user + system), ms. */
  cpuMs: number;
  /** Resident set size after a full GC, just before the listing, bytes. */
  rssBefore: number;
  /** Highest resident set size seen while listing, bytes. */
  rssPeak: number;
  /** Highest resident set size seen over the first tenth of the jobs, bytes. */
  rssPeakFirstTenth: number;
  heapBefore: number;
  /** Heap used after a full GC at the end of the listing, the jobs collected (if any) still held, bytes. */
  heapAfter: number;
}

/** The two listings of one process: the first after a one-page warm-up, then a second one. */
export interface ListMeasurement {
  mode: ListMode;
  first: ListingFigures;
  second: ListingFigures;
}

const SAMPLE_EVERY_MS = 2;

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function listOnce(client: CiClient, task: ListTask): Promise<ListingFigures> {
  collectGarbage();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let rssPeakFirstTenth = before.rss;
  const tenth = Math.ceil(task.expectedJobs / 10);
  let jobs = 0;
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > rssPeak) rssPeak = now.rss;
    if (jobs <= tenth && now.rss > rssPeakFirstTenth) rssPeakFirstTenth = now.rss;
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const kept: unknown[] | undefined = task.mode === "collect" ? [] : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for await (const job of client.listJobs({ size: task.pageSize })) {
    // A page has just been decoded when its first job comes out: the moment memory is highest.
    if (jobs % task.pageSize === 0) sample();
    jobs += 1;
    kept?.push(job);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  clearInterval(sampler);
  if (jobs !== task.expectedJobs || (kept !== undefined && kept.length !== jobs)) {
    throw new Error(`listed ${jobs} jobs, expected ${task.expectedJobs}`);
  }
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    jobs,
    pages: Math.ceil(jobs / task.pageSize),
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBefore: before.rss,
    rssPeak,
    rssPeakFirstTenth,
    heapBefore: before.heapUsed,
    heapAfter,
  };
}

async function measure(task: ListTask): Promise<ListMeasurement> {
  const client = new CiClient({ secretId: task.secretId, secretKey: task.secretKey, endpoint: task.url, maxRetries: 0 });
  try {
    // Loads undici and the codecs and opens the connection, so the figures below are the listing's own.
    await client.listJobsPage({ size: task.pageSize });
    const first = await listOnce(client, task);
    const second = await listOnce(client, task);
    return { mode: task.mode, first, second };
  } finally {
    await client.close();
  }
}

if (require.main === module) {
  process.once("message", (task: ListTask) => {
    measure(task).then(
      (result) => process.send?.({ result }, () => process.disconnect()),
      (error: unknown) => process.send?.({ error: (error as Error).stack ?? String(error) }, () => process.disconnect()),
    );
  });
}
