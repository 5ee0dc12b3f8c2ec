// Port of PyTorch 1.13's `_tensor_str`, `_tensor_str_with_formatter`, `_vector_str`,
// `get_summarized_data`, `_add_suffixes` and `_str_intern` (torch/_tensor_str.py), for
// strided CPU tensors of dtype float32 / float64 / int64 / bool.
//
// The printer never walks a whole tensor it will summarise: it reads only the elements that
// `get_summarized_data` would keep (edge items of each dimension), so a 10^8-element tensor
// costs a few hundred reads.

import { Formatter, PrintDType } from "./formatter";
import { PrintOptions, printOptions } from "./options";

/** What the printer needs from a tensor: its logical shape, dtype and row-major elements. */
export interface PrintSource {
  shape: readonly number[];
  dtype: PrintDType;
  /** Logical row-major element; float32 values as their exact double, bool as 0/1. */
  get(flatIndex: number): number;
}

/** Everything `_str_intern` prints besides the data. */
export interface PrintSuffixes {
  requiresGrad: boolean;
  /** grad_fn class name, e.g. "MulBackward0"; null for leaves. */
  gradFn: string | null;
  /** nn.Parameter: repr starts with "Parameter containing:\n". */
  isParameter?: boolean;
  /** torch.get_default_dtype() (default float32): decides whether `dtype=` is printed. */
  defaultDtype?: "float32" | "float64";
}

/** Python `str(tuple(shape))`: `(2, 0)`, `(5,)`, `()`. */
export function formatShapeTuple(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}

/** `str(t.shape)`: `torch.Size([2, 3])`. */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** `str(dtype)`: `torch.float32`. */
export function formatDtype(dtype: PrintDType): string {
  return `torch.${dtype}`;
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}

/** Row-major strides of a contiguous tensor of this shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The first and last `edge` indices of a dimension of this size, as Python's slices pick them. */
function edgeIndices(size: number, edge: number): { head: number[]; tail: number[] } {
  // NOTE: Python's `self[-0:]` is the whole dimension, so edgeitems=0 keeps everything at the tail.
  return { head: range(0, Math.min(edge, size)), tail: edge === 0 ? range(0, size) : range(size - edge, size) };
}

/**
 * The indices of each dimension that `get_summarized_data` keeps; their Cartesian product in
 * row-major order is the summarised tensor.
 */
function summarisedIndices(shape: readonly number[], summarize: boolean, edge: number): number[][] {
  return shape.map((size, d) => {
    if (!summarize || size <= 2 * edge) return range(0, size);
    if (d < shape.length - 1 && edge === 0) {
      // NOTE: PyTorch stacks an empty list of rows here and fails with this message.
      throw new Error("stack expects a non-empty TensorList");
    }
    const { head, tail } = edgeIndices(size, edge);
    return head.concat(tail);
  });
}

/** Values the formatter inspects: every element, or only the summarised ones. */
function* formatterValues(t: PrintSource, summarize: boolean, edge: number): Generator<number> {
  const kept = summarisedIndices(t.shape, summarize, edge);
  const strides = stridesOf(t.shape);
  if (kept.some((k) => k.length === 0)) return;
  const pos = new Array<number>(kept.length).fill(0);
  for (;;) {
    let flat = 0;
    for (let d = 0; d < kept.length; d++) flat += kept[d][pos[d]] * strides[d];
    yield t.get(flat);
    let d = kept.length - 1;
    while (d >= 0 && ++pos[d] === kept[d].length) pos[d--] = 0;
    if (d < 0) return;
  }
}

interface RenderContext {
  t: PrintSource;
  strides: number[];
  summarize: boolean;
  formatter: Formatter;
  opts: Readonly<PrintOptions>;
}

function vectorStr(ctx: RenderContext, dim: number, offset: number, indent: number): string {
  const { opts, formatter } = ctx;
  const size = ctx.t.shape[dim];
  const stride = ctx.strides[dim];
  const elementLength = formatter.width() + 2; // includes the ", " between elements
  const elementsPerLine = Math.max(1, Math.floor((opts.linewidth - indent) / elementLength));
  const fmt = (i: number): string => formatter.format(ctx.t.get(offset + i * stride));
  let data: string[];
  if (ctx.summarize && size > 2 * opts.edgeitems) {
    const { head, tail } = edgeIndices(size, opts.edgeitems);
    data = [...head.map(fmt), " ...", ...tail.map(fmt)];
  } else {
    data = range(0, size).map(fmt);
  }
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += elementsPerLine) lines.push(data.slice(i, i + elementsPerLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensorStrWithFormatter(ctx: RenderContext, dim: number, offset: number, indent: number): string {
  const nDims = ctx.t.shape.length - dim; // self.dim() of the sub-tensor
  if (nDims === 0) return ctx.formatter.format(ctx.t.get(offset));
  if (nDims === 1) return vectorStr(ctx, dim, offset, indent);
  const size = ctx.t.shape[dim];
  const stride = ctx.strides[dim];
  const sub = (i: number): string => tensorStrWithFormatter(ctx, dim + 1, offset + i * stride, indent + 1);
  let slices: string[];
  const edge = ctx.opts.edgeitems;
  if (ctx.summarize && size > 2 * edge) {
    slices = [...range(0, edge).map(sub), "...", ...range(size - edge, size).map(sub)];
  } else {
    slices = range(0, size).map(sub);
  }
  return "[" + slices.join("," + "\n".repeat(nDims - 1) + " ".repeat(indent + 1)) + "]";
}

/** `_tensor_str(self, indent)`: the bracketed data only. */
export function tensorDataStr(t: PrintSource, indent: number, opts: Readonly<PrintOptions> = printOptions()): string {
  const numel = numelOf(t.shape);
  if (numel === 0) return "[]";
  const summarize = numel > opts.threshold;
  const formatter = new Formatter(t.dtype, formatterValues(t, summarize, opts.edgeitems), opts);
  const ctx: RenderContext = { t, strides: stridesOf(t.shape), summarize, formatter, opts };
  return tensorStrWithFormatter(ctx, 0, 0, indent);
}

function addSuffixes(tensorStr: string, suffixes: string[], indent: number, linewidth: number): string {
  const parts = [tensorStr];
  // NOTE: PyTorch's arithmetic, including the "+ 1" that makes a one-line tensor count 2 extra.
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

/** PyTorch's `str(t)` / `repr(t)` / `print(t)` text. */
export function formatTensor(t: PrintSource, s: PrintSuffixes): string {
  const opts = printOptions();
  const prefix = "tensor(";
  const indent = prefix.length;
  const defaultDtype = s.defaultDtype ?? "float32";
  const suffixes: string[] = [];
  let tensorStr: string;
  if (numelOf(t.shape) === 0) {
    // Explicitly print the shape if it is not (0,), to match NumPy.
    if (t.shape.length !== 1) suffixes.push("size=" + formatShapeTuple(t.shape));
    // An empty tensor has no values to infer the dtype from, so any non-default dtype is shown.
    if (t.dtype !== defaultDtype) suffixes.push("dtype=" + formatDtype(t.dtype));
    tensorStr = "[]";
  } else {
    const hasDefaultDtype = t.dtype === defaultDtype || t.dtype === "int64" || t.dtype === "bool";
    if (!hasDefaultDtype) suffixes.push("dtype=" + formatDtype(t.dtype));
    tensorStr = tensorDataStr(t, indent, opts);
  }
  if (s.gradFn !== null) suffixes.push(`grad_fn=<${s.gradFn}>`);
  else if (s.requiresGrad) suffixes.push("requires_grad=True");
  const text = addSuffixes(prefix + tensorStr, suffixes, indent, opts.linewidth);
  // nn.Parameter.__repr__ prepends this line (print(param) goes through repr).
  return s.isParameter ? "Parameter containing:\n" + text : text;
}
