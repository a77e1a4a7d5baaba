/**
 * The demo (`npm run demo`): starts the local CI emulator, deploys the repository's Pulumi program
 * (Pulumi.yaml, demo/index.ts) with the real CLI and the policy pack, shows the jobs' states until
 * they finish, then destroys the stack and stops the emulator.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { DEMO_CREDENTIALS, startEmulator } from "../emulator";
import { ensurePulumi, PulumiProject, repoRoot } from "./pulumiCli";

const STACK = "demo";
const TERMINAL = new Set(["Success", "Failed", "Cancel", "NotFound"]);

interface JobRow {
  resource: string;
  name: string;
  jobId: string;
  state: string;
}

function step(text: string): void {
  process.stdout.write(`\n==> ${text}\n`);
}

function printTable(rows: JobRow[]): void {
  const headers: JobRow = { resource: "RESOURCE", name: "JOB NAME", jobId: "JOB ID", state: "STATE" };
  const keys = Object.keys(headers) as (keyof JobRow)[];
  const widths = keys.map((key) => Math.max(...[headers, ...rows].map((row) => row[key].length)));
  for (const row of [headers, ...rows]) {
    process.stdout.write(`    ${keys.map((key, i) => row[key].padEnd(widths[i])).join("  ")}\n`);
  }
}

/** A state value shown as text: a string as is, anything else (absent, unknown) as blank. */
function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

async function jobRows(project: PulumiProject): Promise<JobRow[]> {
  const resources = (await project.exportStack()).deployment.resources ?? [];
  return resources
    .filter((r) => r.type === "pulumi-nodejs:dynamic/tencent-ci:InventoryTriggerJob")
    .map((r) => ({
      resource: r.urn.split("::").pop() ?? "",
      name: text(r.outputs?.name),
      jobId: r.id ?? "",
      state: text(r.outputs?.state),
    }));
}

function mustSucceed(what: string, result: { code: number; stdout: string; stderr: string }): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code})`);
}

async function main(): Promise<void> {
  step("Finding or building the Pulumi CLI (the first build takes a few minutes)");
  const bin = await ensurePulumi();
  process.stdout.write(`    using ${bin}\n`);

  step("Starting the local CI emulator");
  const emulator = await startEmulator({ stateFile: path.join(repoRoot, ".tools", "demo-emulator-state.json") });
  emulator.backend.reset();
  process.stdout.write(`    listening on ${emulator.url} (credentials: the emulator's demo key pair)\n`);

  const project = await PulumiProject.inPlace(repoRoot);
  const stackFile = path.join(repoRoot, `Pulumi.${STACK}.yaml`);
  try {
    step(`Creating stack '${STACK}' on a local file backend, pointed at the emulator`);
    await project.stackInit(STACK);
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });

    step("pulumi up --policy-pack policy");
    mustSucceed("pulumi up", await project.up(["--policy-pack", path.join(repoRoot, "policy")], { echo: true }));

    step("Jobs as deployed");
    let rows = await jobRows(project);
    printTable(rows);

    for (let round = 1; round <= 20 && rows.some((row) => !TERMINAL.has(row.state)); round++) {
      await delay(1500);
      step(`pulumi refresh (round ${round}): reading the jobs' states from the service`);
      mustSucceed("pulumi refresh", await project.refresh());
      rows = await jobRows(project);
      printTable(rows);
    }

    step("pulumi destroy --remove: cancels jobs still running, forgets finished ones, removes the stack");
    mustSucceed("pulumi destroy", await project.destroy(["--remove"], { echo: true }));
  } finally {
    await fs.rm(stackFile, { force: true });
    await project.cleanup();
    await emulator.close();
    step("Emulator stopped. Done.");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
