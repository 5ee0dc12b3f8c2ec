// Small text helpers shared by the hover, the inline values and the run summaries.

/** `[2, 3]` — the shape as a list, `[]` for a scalar. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** `torch.Size([2, 3])`, as PyTorch prints `t.shape`. */
export function torchSize(shape: readonly number[]): string {
  return `torch.Size(${shapeText(shape)})`;
}

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A number short enough for an inline hint: `4.5`, `0.001235`, `1.23e+06`, `nan`, `inf`. */
export function shortNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number.parseFloat(v.toPrecision(4)));
  return v.toExponential(2);
}

/** Python's spelling of a boolean, as PyTorch users read it. */
export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

/** Cuts text to at most `maxLines` lines and `maxChars` characters; says so when it cut. */
export function clipText(text: string, maxLines: number, maxChars: number): { text: string; clipped: boolean } {
  let lines = text.split("\n");
  let clipped = false;
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    clipped = true;
  }
  let out = lines.join("\n");
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    clipped = true;
  }
  return { text: clipped ? `${out}\n…` : out, clipped };
}
