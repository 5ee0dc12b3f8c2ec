// Turns whatever the program threw into a RunError located in the user's TypeScript file:
// stack frames of the evaluated module are mapped back through the source map; frames of the
// engine and the runner are dropped (the user did not write them).
import { SourceMap } from "node:module";
import { inspect } from "node:util";
import type { RunError, SourcePos } from "../protocol";

/** The file name the evaluated module runs under; only its frames are the user's. */
export const USER_SCRIPT = "gi-user-program.js";
/** Lines the wrapper puts before the transpiled code. */
export const WRAPPER_LINES = 1;
const MAX_FRAMES = 12;

const FRAME = new RegExp(`^\\s*at (?:(.+?) \\()?[^()]*${USER_SCRIPT.replace(/\./g, "\\.")}:(\\d+):(\\d+)\\)?\\s*$`);

export class ErrorMapper {
  private readonly map: SourceMap | null;

  /** `codeLines`: lines of the transpiled code (frames below it are the wrapper's own). */
  constructor(mapJson: string, private readonly fileName: string, private readonly codeLines = Infinity) {
    this.map = mapJson ? new SourceMap(JSON.parse(mapJson) as ConstructorParameters<typeof SourceMap>[0]) : null;
  }

  /** 1-based generated line/column of the evaluated script -> position in the user's file. */
  mapPosition(line: number, column: number): { line: number; column: number } | null {
    const codeLine0 = line - 1 - WRAPPER_LINES;
    if (!this.map || codeLine0 < 0 || codeLine0 >= this.codeLines) return null;
    const e = this.map.findEntry(codeLine0, column - 1) as { originalLine?: number; originalColumn?: number };
    if (e.originalLine === undefined || e.originalColumn === undefined) return null;
    return { line: e.originalLine + 1, column: e.originalColumn };
  }

  /** Maps a V8 stack text: the user's frames, renamed to the user's file; everything else dropped. */
  mapStack(stack: string): { frames: string[]; first: SourcePos | null } {
    const frames: string[] = [];
    let first: SourcePos | null = null;
    for (const raw of stack.split("\n")) {
      const m = FRAME.exec(raw);
      if (!m) continue;
      const p = this.mapPosition(Number(m[2]), Number(m[3]));
      if (!p) continue;
      first ??= { line: p.line, column: p.column, endLine: p.line, endColumn: p.column };
      const fn = cleanFunctionName(m[1]);
      const where = `${this.fileName}:${p.line}:${p.column + 1}`;
      frames.push(fn ? `    at ${fn} (${where})` : `    at ${where}`);
    }
    return { frames, first };
  }

  toRunError(thrown: unknown, fallbackPos: SourcePos | null): RunError {
    if (thrown instanceof Error || (typeof thrown === "object" && thrown !== null && typeof (thrown as Error).stack === "string" && typeof (thrown as Error).message === "string")) {
      const err = thrown as Error;
      const kind = typeof err.name === "string" && err.name ? err.name : "Error";
      const { frames, first } = this.mapStack(err.stack ?? "");
      // Deep recursion would list a hundred identical frames: keep the first ones, as Node does.
      const shown = frames.length > MAX_FRAMES ? [...frames.slice(0, MAX_FRAMES), `    ... ${frames.length - MAX_FRAMES} more`] : frames;
      return { kind, message: err.message, pos: first ?? fallbackPos, stack: [`${kind}: ${err.message}`, ...shown].join("\n") };
    }
    const message = inspect(thrown, { depth: 4, breakLength: Infinity });
    return { kind: "Uncaught", message, pos: fallbackPos, stack: `Uncaught ${message}` };
  }
}

function cleanFunctionName(name: string | undefined): string | null {
  if (!name) return null;
  const n = name.replace(/^async /, "").replace(/^Object\./, "");
  // The module wrapper's own function is the top level of the user's file.
  if (n.endsWith("__giModule")) return "<top-level>";
  return n;
}
