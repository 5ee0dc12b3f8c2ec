// The faint text after a line that binds tensors: `y: [2, 2] AddBackward0`, and for a leaf
// that has a gradient the gradient's summary, `x.grad: [2, 2] mean 4.5`.
import type { TensorInfo } from "../protocol";
import { numelOf, shapeText, shortNumber } from "./format";
import type { PlacedBinding } from "./run-result";

const MAX_LINE_CHARS = 160;
const SEPARATOR = "   ";

/** The hint for one binding. */
export function bindingHint(name: string, t: TensorInfo, count: number): string {
  let text: string;
  if (t.isLeaf && t.grad) {
    const g = t.grad;
    text = numelOf(g.shape) === 1 && g.values.length > 0
      ? `${name}.grad: ${shapeText(g.shape)} = ${shortNumber(g.values[0])}`
      : `${name}.grad: ${shapeText(g.shape)} mean ${shortNumber(g.stats.mean)}`;
  } else {
    text = `${name}: ${shapeText(t.shape)}`;
    if (numelOf(t.shape) === 1 && t.data.values.length > 0) text += ` = ${shortNumber(t.data.values[0])}`;
    if (t.gradFn) text += ` ${t.gradFn}`;
    else if (t.requiresGrad) text += " requires_grad";
    else if (t.dtype !== "float32") text += ` ${t.dtype}`;
  }
  if (count > 1) text += ` ×${count}`;
  return text;
}

export interface LineHint {
  line: number;
  text: string;
  stale: boolean;
}

/** One hint per line: the line's bindings joined; stale when any of them is. */
export function lineHints(placed: readonly PlacedBinding[]): LineHint[] {
  const byLine = new Map<number, PlacedBinding[]>();
  for (const p of placed) {
    const list = byLine.get(p.line) ?? [];
    list.push(p);
    byLine.set(p.line, list);
  }
  const out: LineHint[] = [];
  for (const [line, list] of byLine) {
    // The same name bound twice on a line (`x = x.add(1)` in a one-line loop): its last binding is what the line left.
    const last = new Map<string, PlacedBinding>();
    for (const p of list) {
      const prev = last.get(p.binding.name);
      if (!prev || p.binding.seq > prev.binding.seq) last.set(p.binding.name, p);
    }
    const parts = [...last.values()].map((p) => bindingHint(p.binding.name, p.tensor, p.binding.count));
    const stale = list.some((p) => p.stale);
    let text = parts.join(SEPARATOR);
    if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS - 1)}…`;
    out.push({ line, text: stale ? `${text} (stale)` : text, stale });
  }
  return out.sort((a, b) => a.line - b.line);
}
