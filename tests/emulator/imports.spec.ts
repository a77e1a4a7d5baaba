/**
 * What the emulator's modules may import. The emulator stands in for the service in every test of
 * the provider, so it must not run the provider's code: a rule or codec shared by both would let a
 * bug pass on both sides. Types are fine: they carry no behaviour. What both need of the process
 * around them (the parent watch) lives in shared/, outside either. Inside the emulator, the service
 * it models must not reach up into its HTTP layer (moto's models never import its responses).
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { repoRoot } from "../../scripts/pulumiCli";

const emulatorRoot = path.join(repoRoot, "emulator");
const providerRoot = path.join(repoRoot, "provider");

/** One import, export-from or require of a module. */
interface ModuleReference {
  /** The file holding it, relative to the repository. */
  file: string;
  specifier: string;
  /** Where the specifier leads, for a relative one. */
  resolved?: string;
  /** Whether only types come through it (`import type`, or every named binding marked `type`). */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) return false; // `import "x"` runs the module
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
}

/** Every module reference of one file: static imports, re-exports, `import x = require()`, `require()` and `import()`. */
function referencesOf(file: string): ModuleReference[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: ModuleReference[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean): void => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
    const text = specifier.text;
    found.push({
      file: path.relative(repoRoot, file),
      specifier: text,
      resolved: text.startsWith(".") ? path.resolve(path.dirname(file), text) : undefined,
      typeOnly,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyExport(node));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) {
        add(node.arguments[0], false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isInside(resolved: string | undefined, folder: string): boolean {
  return resolved !== undefined && (resolved === folder || resolved.startsWith(folder + path.sep));
}

function describeReference(reference: ModuleReference): string {
  return `${reference.file}: ${reference.specifier}`;
}

const files = sourceFiles(emulatorRoot);
const references = files.flatMap(referencesOf);

describe("the emulator's imports", () => {
  it("are found: the scan sees the emulator's files and their imports of the provider's types", () => {
    assert.ok(files.length > 20);
    assert.ok(references.some((reference) => reference.typeOnly && isInside(reference.resolved, providerRoot)));
  });

  it("take nothing but types from the provider, so no rule of the client can pass on both sides", () => {
    const offending = references.filter(
      (reference) =>
        !reference.typeOnly &&
        (isInside(reference.resolved, providerRoot) || /^pulumi-tencent-ci\/provider(\/|$)/.test(reference.specifier)),
    );
    assert.deepEqual(offending.map(describeReference), []);
  });

  it("keep the modelled service free of the HTTP layer: service/ imports nothing from http/", () => {
    const offending = references.filter(
      (reference) =>
        isInside(path.join(repoRoot, reference.file), path.join(emulatorRoot, "service")) &&
        isInside(reference.resolved, path.join(emulatorRoot, "http")),
    );
    assert.deepEqual(offending.map(describeReference), []);
  });
});
