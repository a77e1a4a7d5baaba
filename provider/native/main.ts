/**
 * The `tencent-ci` plugin's entry point. The engine starts the plugin folder (`PulumiPlugin.yaml`,
 * `runtime: nodejs`) through the Node language host's `RunPlugin`, which runs @pulumi/pulumi's
 * `cmd/run-plugin`; that loads this module as the folder's `main` and calls what it exports. The
 * engine reads the port the server listens on from the first line of stdout, so nothing else may be
 * written there: progress goes to stderr.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { JobProvider } from "./jobProvider";
import { watchEngineLiveness } from "./lifecycle";
import { schemaText } from "./schema";
import { serveProvider } from "./server";

/** The package's version, which is the plugin's. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** Starts the plugin: serves the provider and prints its port. */
export async function main(): Promise<void> {
  const version = packageVersion();
  let schema: string | undefined;
  const server = await serveProvider(new JobProvider(), {
    version,
    schema: () => (schema ??= schemaText(version)),
    // The language host that started this process may be killed with the engine, leaving nobody to stop it.
    onConfigure: () => watchEngineLiveness(),
  });
  process.stdout.write(`${server.port}\n`);
}
