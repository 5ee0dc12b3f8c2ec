// Reads just enough of a TypeScript file's text for the editor features that must not wait for
// a compiler: where the first import of "torch" is (the CodeLens goes above it), and the
// source of "Run Selection" (the selection, plus the file's imports, at their real positions).

/** An import (or `import x = require(...)`) statement: from `import` to its module specifier. */
const IMPORT = /^[ \t]*(?:export[ \t]+)?import\b(?:[^"'`;]|\n)*?(["'])([^"'\n]+)\1[ \t]*;?/gm;

export interface ImportSpan {
  specifier: string;
  start: number; // offset of `import`
  end: number; // offset after the specifier (and `;`)
  line: number; // 0-based line of `import`
}

export function importSpans(text: string): ImportSpan[] {
  const out: ImportSpan[] = [];
  IMPORT.lastIndex = 0;
  for (let m = IMPORT.exec(text); m; m = IMPORT.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    out.push({ specifier: m[2], start, end: m.index + m[0].length, line: lineOf(text, start) });
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** 0-based line of the first import of "torch" (or "torchvision" when torch is not imported), or null. */
export function firstTorchImportLine(text: string): number | null {
  const spans = importSpans(text);
  const torch = spans.find((s) => s.specifier === "torch") ?? spans.find((s) => s.specifier === "torchvision");
  return torch ? torch.line : null;
}

/**
 * The program "Run Selection" runs: the selected text and the file's import statements at
 * their original offsets, everything else blanked to spaces (newlines kept), so every line and
 * column the run records is the same line and column in the file.
 */
export function selectionProgram(text: string, selStart: number, selEnd: number): string {
  const keep: [number, number][] = [[selStart, selEnd]];
  for (const s of importSpans(text)) keep.push([s.start, s.end]);
  const chars = text.split("");
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\n" || c === "\r") continue;
    if (!keep.some(([a, b]) => i >= a && i < b)) chars[i] = " ";
  }
  return chars.join("").replace(/[ \t]+$/gm, "");
}

/**
 * Whether `column` of a line is code, not a `//` comment, a one-line `/* *\/` comment or a
 * string literal (template literals' `${...}` count as code). One line only: good enough to keep
 * hovers off the names that comments and strings mention.
 */
export function isCodeAt(lineText: string, column: number): boolean {
  let quote: string | null = null;
  const templateDepth: number[] = []; // brace depth at which each open `${` returns to its template
  let braces = 0;
  for (let i = 0; i < lineText.length && i <= column; i++) {
    const c = lineText[i];
    if (quote) {
      if (i === column) return false;
      if (c === "\\") i++;
      else if (quote === "`" && c === "$" && lineText[i + 1] === "{") {
        templateDepth.push(braces);
        quote = null;
        i++;
      } else if (c === quote) quote = null;
      continue;
    }
    if (c === "/" && lineText[i + 1] === "/") return column < i;
    if (c === "/" && lineText[i + 1] === "*") {
      const end = lineText.indexOf("*/", i + 2);
      if (column >= i && (end === -1 || column < end + 2)) return false;
      if (end === -1) return true;
      i = end + 1;
      continue;
    }
    if (i === column) return true;
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") braces++;
    else if (c === "}") {
      if (templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces) {
        templateDepth.pop();
        quote = "`";
      } else braces--;
    }
  }
  return quote === null;
}

/** Tensor attributes whose hover is the tensor's own: `x.grad` shows x (its hover has the grad). */
const TENSOR_ATTRIBUTES = new Set(["grad", "data", "grad_fn", "requires_grad", "is_leaf", "shape", "dtype", "T", "mT"]);

/**
 * The variable a hover at the word [start, end) of `lineText` is about: the word itself, or for a
 * tensor attribute written `name.grad` (spaces allowed around the dot), the variable before the dot.
 * Null for any other property access (`a.x` names a property, not the variable x).
 */
export function hoverVariable(lineText: string, start: number, end: number): { name: string; column: number } | null {
  const word = { name: lineText.slice(start, end), column: start };
  let before = start - 1;
  while (before >= 0 && lineText[before] === " ") before--;
  if (before < 0 || lineText[before] !== ".") return word;
  if (lineText.slice(before - 2, before + 1) === "...") return word; // a spread: `[...grads]`
  if (!TENSOR_ATTRIBUTES.has(word.name)) return null;
  let baseEnd = lineText[before - 1] === "?" ? before - 1 : before; // `x?.grad`
  while (baseEnd > 0 && lineText[baseEnd - 1] === " ") baseEnd--;
  let baseStart = baseEnd;
  while (baseStart > 0 && /[\w$]/.test(lineText[baseStart - 1] ?? "")) baseStart--;
  if (baseStart === baseEnd || /\d/.test(lineText[baseStart] ?? "")) return null;
  // Only a plain variable: `a.b.grad` or `f().grad` is not a binding we recorded.
  let prev = baseStart - 1;
  while (prev >= 0 && lineText[prev] === " ") prev--;
  if (prev >= 0 && (lineText[prev] === "." || lineText[prev] === ")")) return null;
  return { name: lineText.slice(baseStart, baseEnd), column: baseStart };
}
