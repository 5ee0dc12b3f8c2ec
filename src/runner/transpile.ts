// TypeScript -> CommonJS JavaScript with a source map, instrumented on the way (see instrument.ts).
// Runs in the host (extension host or CLI), so the TypeScript compiler is loaded once and stays
// warm; the worker only evaluates the result.
// A plain require: esbuild would wrap a namespace import of this CommonJS package in getters,
// and the instrumenter calls ts.isX millions of times.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import ts = require("typescript");
import type { SourcePos } from "../protocol";
import { createInstrumenter, type InstrumentTables, type Site } from "./instrument";

export interface TranspileDiagnostic {
  message: string;
  pos: SourcePos;
}

export interface TranspileResult {
  /** CommonJS code, ending with an inline source map comment. */
  code: string;
  /** The source map (v3) as JSON text, mapping `code` back to the user's file. */
  map: string;
  sites: Site[];
  throwSites: SourcePos[];
  /** Syntax errors: when there is one, the code must not run. */
  diagnostics: TranspileDiagnostic[];
}

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  // Every file is a module: top-level await parses and the code is strict, as a .ts module would be.
  moduleDetection: ts.ModuleDetectionKind.Force,
  sourceMap: true,
  inlineSources: false,
  esModuleInterop: false,
  removeComments: false,
  importHelpers: false,
  verbatimModuleSyntax: false,
  isolatedModules: true,
};

export function transpile(source: string, fileName: string, opts: { record: boolean }): TranspileResult {
  const tables: InstrumentTables = { sites: [], throwSites: [] };
  const baseName = "user.ts";
  const out = ts.transpileModule(source, {
    compilerOptions,
    fileName: baseName,
    reportDiagnostics: true,
    transformers: { before: [createInstrumenter(opts, tables)] },
  });
  const diagnostics: TranspileDiagnostic[] = [];
  for (const d of out.diagnostics ?? []) {
    if (d.category !== ts.DiagnosticCategory.Error || !d.file || d.start === undefined) continue;
    const start = d.file.getLineAndCharacterOfPosition(d.start);
    const end = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
    diagnostics.push({
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      pos: { line: start.line + 1, column: start.character, endLine: end.line + 1, endColumn: end.character },
    });
  }
  const map = out.sourceMapText ?? "";
  const fixedMap = map ? JSON.stringify({ ...JSON.parse(map) as object, sources: [fileName] }) : "";
  const body = out.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  const inline = fixedMap ? `//# sourceMappingURL=data:application/json;base64,${Buffer.from(fixedMap).toString("base64")}\n` : "";
  return { code: body + inline, map: fixedMap, sites: tables.sites, throwSites: tables.throwSites, diagnostics };
}
