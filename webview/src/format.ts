// Formatting shared by the list, the details and the graph.
import type { TensorInfo } from "../../src/protocol";

export { formatShape } from "./graph-model";

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The name a tensor is listed under: its variable, else its module path, else what made it. */
export function tensorName(t: TensorInfo): string {
  if (t.names.length) return t.names[0];
  if (t.modulePath) return t.modulePath;
  return t.gradFn ? `(${t.gradFn} #${t.id})` : `(tensor #${t.id})`;
}

/** Numbers the way a table cell wants them: short, aligned, exact for integers. */
export function fmtNum(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return "—";
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return v.toFixed(digits);
}
