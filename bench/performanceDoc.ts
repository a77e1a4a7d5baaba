/**
 * docs/performance.md, shared by the benchmarks: each writes its own section of it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const INTRO = `# Performance

What the parts of this project cost, measured rather than assumed. Each section below is written by
a benchmark and replaced as a whole when that benchmark runs again; the others are left as they are.

Every figure comes from one run on the machine the section names, next to a baseline measured in the
same run: after a warm-up, the things compared run in several interleaved rounds, and a section gives
the median over the rounds with the lowest and highest round in brackets. Absolute figures change from
machine to machine and, on a shared machine, from run to run; compare the ratios.
`;

/**
 * Writes `section` into the Markdown file at `file`: replaces the part from its `heading` (the
 * section's first line) to the next second-level heading, or appends it; creates the file with an
 * introduction if needed. Each benchmark owns one section and leaves the others as they are.
 */
export function writeSection(file: string, section: string): void {
  const heading = section.split("\n", 1)[0].trimEnd();
  const current = existsSync(file) ? readFileSync(file, "utf8") : INTRO;
  const lines = current.split("\n");
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section.trimEnd()}\n`;
  } else {
    const after = lines.findIndex((line, index) => index > start && line.startsWith("## "));
    const head = lines.slice(0, start).join("\n");
    const tail = after < 0 ? "" : lines.slice(after).join("\n");
    const prefix = head.trim() === "" ? "" : `${head.trimEnd()}\n\n`;
    next = `${prefix}${section.trimEnd()}\n${tail === "" ? "" : `\n${tail.trimEnd()}\n`}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
}
