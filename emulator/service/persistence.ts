/**
 * The optional state file: loaded at start, rewritten after each change through a temporary file
 * and a rename, so a crash mid-write leaves the previous state rather than half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { JobRecord } from "./jobRecord";

/** Format version; a file of another version is refused rather than misread. */
export const STATE_FILE_VERSION = 1;

/** The contents of a state file. */
export interface PersistedState {
  version: typeof STATE_FILE_VERSION;
  /** The last `seq` handed out. */
  seq: number;
  /** The job id generator's state, so a restart does not reissue ids. */
  idRandomState: number;
  jobs: JobRecord[];
}

/** Reads a state file; undefined when it does not exist. Throws when it exists but is unusable. */
export function loadState(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
  // Checked below before it is trusted as a state file.
  const state = JSON.parse(text) as { version?: unknown; jobs?: unknown };
  if (state.version !== STATE_FILE_VERSION || !Array.isArray(state.jobs)) {
    throw new Error(`${file} is not an emulator state file of version ${STATE_FILE_VERSION}`);
  }
  return state as PersistedState;
}

/** Writes a state file atomically. */
export function saveState(file: string, state: PersistedState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}
