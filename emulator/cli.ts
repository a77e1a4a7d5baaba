#!/usr/bin/env node
/**
 * `tencent-ci-emulator`: runs the emulator until SIGINT, SIGTERM or SIGHUP, or until the process
 * that started it goes away.
 *
 *   npx --package=pulumi-tencent-ci tencent-ci-emulator --port 9000 --state-file .emulator-state.json --faults "503=0.1,latency=50"
 *
 * Prints the endpoint, the demo key pair it accepts and the stack-config lines that point a stack at
 * it, then one line per request unless `--quiet`.
 */
import { parseArgs } from "node:util";
import { watchParent } from "../shared/parentWatch";
import {
  DEFAULT_TRANSITIONS,
  DEMO_CREDENTIALS,
  DEMO_QUEUE_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WORKFLOW_ID,
  parseFaultSpec,
  startEmulator,
} from "./index";
import type { EmulatorOptions, LifecycleOptions, RequestLogEntry, Transition } from "./index";

/** Port used when `--port` is not given. */
export const DEFAULT_CLI_PORT = 9000;

/** How often the CLI checks that the process that started it is still there. */
const PARENT_CHECK_INTERVAL_MS = 500;

/** The text `--help` prints. */
export const USAGE = `Usage: tencent-ci-emulator [options]

A local emulator of the Tencent Cloud CI inventory-trigger-job endpoint, for pulumi-tencent-ci.

Options:
  --port <n>          port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host <address>    address to listen on (default 127.0.0.1)
  --seed <n>          seed of ids and faults (default 1)
  --state-file <path> keep jobs in this JSON file across restarts
  --faults <spec>     faults as JSON or k=v,… (e.g. "503=0.2,429=0.1,latency=50,reset=0.1");
                      default from CI_EMULATOR_FAULTS. Keys: 429/500/503 and <Operation>.<status>
                      (rates), latency, jitter (ms), reset (rate), retryAfter (s); service
                      behaviours, all off by default: listingLag=<ms> (new jobs list late),
                      nameMatch=exact|prefix|substring, filledFields=1 (Job jobs report
                      JobLevel 0 and empty UserData), unknownJob404=1 (unknown ids are 404
                      NoSuchJob), refuseCancel=finished|started, throttleStorm=<n> (next n
                      requests are 429)
  --fail-jobs <regex> jobs whose name matches end Failed (to try a drift check)
  --submitted-seconds <s>
                      jobs stay Submitted this long (default: 1 s or until read once)
  --running-seconds <s>
                      jobs then stay Running this long before they end Success, or
                      Failed under --fail-jobs (default: 3 s or until read twice)
                      A state given a time ignores reads: a job that pulumi up waits
                      for stays Running that long however often it is polled.
  --quiet             do not print request lines
  --help              show this text

It accepts the demo key pair ${DEMO_CREDENTIALS.secretId} / ${DEMO_CREDENTIALS.secretKey}
(printed again at start with the stack config to paste). Known ids: workflow ${DEMO_WORKFLOW_ID},
queue ${DEMO_QUEUE_ID}, template ${DEMO_TEMPLATE_ID}; a job naming another one ends Failed.
Stops on Ctrl-C, SIGTERM or SIGHUP, and when the process that started it (npx, a shell) exits.`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new Error(`--${name} must be a non-negative integer, not '${value}'`);
  }
  return Number(value);
}

function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new Error(`--${name} must be a non-negative number of seconds, not '${value}'`);
  }
  return Number(value);
}

/**
 * The default transitions with the given times. A timed state drops its read count: a provider
 * waiting for a job polls it, and with reads counting the job would finish after two polls however
 * long it was told to run.
 */
function timedTransitions(submittedSeconds: number | undefined, runningSeconds: number | undefined): Transition[] | undefined {
  if (submittedSeconds === undefined && runningSeconds === undefined) {
    return undefined;
  }
  return DEFAULT_TRANSITIONS.map((step): Transition => {
    const given = step.from === "Submitted" ? submittedSeconds : step.from === "Running" ? runningSeconds : undefined;
    return given === undefined ? { ...step } : { from: step.from, to: step.to, afterMs: given * 1000 };
  });
}

function pattern(name: string, value: string | undefined): RegExp | undefined {
  if (value === undefined) {
    return undefined;
  }
  try {
    return new RegExp(value);
  } catch (error) {
    throw new Error(`--${name} must be a regular expression: ${(error as Error).message}`, { cause: error });
  }
}

/** Turns command-line arguments into emulator options; throws with a message for bad ones. */
export function parseCliArgs(argv: string[]): { options: EmulatorOptions; quiet: boolean; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "state-file": { type: "string" },
      faults: { type: "string" },
      "fail-jobs": { type: "string" },
      "submitted-seconds": { type: "string" },
      "running-seconds": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  const failJobs = pattern("fail-jobs", values["fail-jobs"]);
  // A failing job has no transitions of its own, so it follows the same timing and fails at its end.
  const lifecycle: LifecycleOptions = {
    transitions: timedTransitions(
      seconds("submitted-seconds", values["submitted-seconds"]),
      seconds("running-seconds", values["running-seconds"]),
    ),
    rules: failJobs === undefined ? undefined : [{ name: failJobs, fail: {} }],
  };
  const options: EmulatorOptions = {
    port: integer("port", values.port) ?? DEFAULT_CLI_PORT,
    host: values.host,
    seed: integer("seed", values.seed),
    stateFile: values["state-file"],
    faults: values.faults === undefined ? undefined : parseFaultSpec(values.faults),
    lifecycle: lifecycle.transitions === undefined && lifecycle.rules === undefined ? undefined : lifecycle,
  };
  return { options, quiet: values.quiet, help: values.help };
}

/**
 * What the CLI prints once it listens: the endpoint, the key pair, and the commands that point the
 * current stack at it. The demo key opens nothing but a local emulator, so printing it whole is
 * what lets a user paste it.
 */
export function startBanner(url: string): string {
  return [
    `Tencent CI emulator listening on ${url}`,
    "",
    "Credentials it accepts (the public demo pair, valid only here):",
    `  SecretId  ${DEMO_CREDENTIALS.secretId}`,
    `  SecretKey ${DEMO_CREDENTIALS.secretKey}`,
    "",
    "Point a stack at it (run in your Pulumi project):",
    `  pulumi config set tencent-ci:endpoint ${url}`,
    `  pulumi config set --secret tencent-ci:secretId ${DEMO_CREDENTIALS.secretId}`,
    `  pulumi config set --secret tencent-ci:secretKey ${DEMO_CREDENTIALS.secretKey}`,
    "",
    "or export them for a pipeline:",
    `  export TENCENTCLOUD_CI_ENDPOINT=${url}`,
    `  export TENCENTCLOUD_SECRET_ID=${DEMO_CREDENTIALS.secretId}`,
    `  export TENCENTCLOUD_SECRET_KEY=${DEMO_CREDENTIALS.secretKey}`,
    "",
    `Known workflow id: ${DEMO_WORKFLOW_ID}. Ctrl-C stops the emulator.`,
    "",
  ].join("\n");
}

function requestLine(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query).toString();
  const outcome = entry.reset ? "reset after commit" : `${entry.status}${entry.errorCode ? ` ${entry.errorCode}` : ""}`;
  return `${new Date(entry.time).toISOString()} ${entry.method} ${entry.path}${query ? `?${query}` : ""} -> ${outcome}`;
}

async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Once the terminal or pipe that read the output is gone, a write fails with EPIPE; the emulator
  // is stopping then anyway (see watchParent) and should not die of it first.
  process.stdout.on("error", () => undefined);
  const emulator = await startEmulator(parsed.options);
  process.stdout.write(startBanner(emulator.url));
  if (!parsed.quiet) {
    emulator.requests.onEntry((entry) => process.stdout.write(`${requestLine(entry)}\n`));
  }
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const stop = (): void => {
    for (const signal of signals) process.off(signal, stop);
    parentWatch.stop();
    void emulator.close().then(() => process.stdout.write("Tencent CI emulator stopped\n"));
  };
  for (const signal of signals) process.on(signal, stop);
  // `npx` runs the bin through `sh -c`; a SIGTERM to npx reaches that shell, which dies without
  // passing it on, and the emulator would keep its port forever. Declared after `stop`, which reads
  // it: the watch calls `stop` only from a later timer tick.
  const parentWatch = watchParent({ intervalMs: PARENT_CHECK_INTERVAL_MS, onGone: stop });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
