#!/usr/bin/env node
/**
 * `tencent-ci-emulator`: runs the emulator until SIGINT or SIGTERM.
 *
 *   tencent-ci-emulator --port 9000 --state-file .emulator-state.json --faults "503=0.1,latency=50"
 *
 * Prints the URL and the demo secretId (never the secret key), then one line per request unless
 * `--quiet`.
 */
import { parseArgs } from "node:util";
import { DEMO_CREDENTIALS, parseFaultSpec, startEmulator } from "./index";
import type { EmulatorOptions, RequestLogEntry } from "./index";

/** Port used when `--port` is not given. */
export const DEFAULT_CLI_PORT = 9000;

const USAGE = `Usage: tencent-ci-emulator [options]
  --port <n>          port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host <address>    address to listen on (default 127.0.0.1)
  --seed <n>          seed of ids and faults (default 1)
  --state-file <path> keep jobs in this JSON file across restarts
  --faults <spec>     faults as JSON or k=v,… (e.g. "503=0.2,429=0.1,latency=50,reset=0.1");
                      default from CI_EMULATOR_FAULTS
  --quiet             do not print request lines
  --help              show this text`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new Error(`--${name} must be a non-negative integer, not '${value}'`);
  }
  return Number(value);
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
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const options: EmulatorOptions = {
    port: integer("port", values.port) ?? DEFAULT_CLI_PORT,
    host: values.host,
    seed: integer("seed", values.seed),
    stateFile: values["state-file"],
    faults: values.faults === undefined ? undefined : parseFaultSpec(values.faults),
  };
  return { options, quiet: values.quiet === true, help: values.help === true };
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
  const emulator = await startEmulator(parsed.options);
  process.stdout.write(`Tencent CI emulator listening on ${emulator.url}\n`);
  process.stdout.write(`Demo credentials: secretId ${DEMO_CREDENTIALS.secretId} (secret key: see DEMO_CREDENTIALS)\n`);
  if (!parsed.quiet) {
    emulator.requests.onEntry((entry) => process.stdout.write(`${requestLine(entry)}\n`));
  }
  const stop = (): void => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void emulator.close().then(() => process.stdout.write("Tencent CI emulator stopped\n"));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
