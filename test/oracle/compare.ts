// Compares what our engine returned with PyTorch's serialised result (spec.py's ser()).
import * as torch from "../../src/engine";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface TensorExpect {
  kind: "tensor";
  shape: number[];
  dtype: string;
  requires_grad: boolean;
  is_leaf: boolean;
  grad_fn: string | null;
  grad_fn_next: [string | null, number][] | null;
  values: Json[] | null;
  str: string | null;
}

export type Expect =
  | TensorExpect
  | { kind: "error"; type: string; message: string }
  | { kind: "size"; value: number[]; str: string }
  | { kind: "namedtuple"; fields: { values: Expect; indices: Expect } }
  | { kind: "list"; items: (Expect | null)[] }
  | { kind: "pylist"; value: Json }
  | { kind: "none" }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; value: Json }
  | { kind: "dtype"; name: string; str: string }
  | { kind: "string"; value: string }
  | { kind: "node"; name: string; next: [string | null, number][] }
  | { kind: "handle" };

/** float32 results: rel 1e-6 / abs 1e-6; float64 tighter; ints and bools exact. */
const TOL: Record<string, { rel: number; abs: number }> = {
  float32: { rel: 1e-6, abs: 1e-6 },
  float64: { rel: 1e-12, abs: 1e-12 },
};

function expectedNumber(v: Json): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v as number;
}

export function close(got: number, want: number, dtype: string): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  const tol = TOL[dtype];
  if (!tol) return got === want;
  return Math.abs(got - want) <= tol.abs + tol.rel * Math.abs(want);
}

/** The class name PyTorch prints for a node (`<MulBackward0 object at 0x...>` -> MulBackward0). */
export function printedNodeName(node: unknown): string {
  const m = /^<(\S+) object at /.exec(String(node));
  return m ? m[1] : `unprintable node ${String(node)}`;
}

function nextNames(node: torch.autograd.Node): [string | null, number][] {
  return node.next_functions.map(([n, i]) => [n === null ? null : printedNodeName(n), i]);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareTensor(exp: TensorExpect, got: unknown, at: string, loose: boolean): string[] {
  if (!(got instanceof torch.Tensor)) return [`${at}: expected a tensor, got ${got === null ? "null" : typeof got}`];
  const p: string[] = [];
  const shape = [...got.shape];
  if (!same(shape, exp.shape)) p.push(`${at}.shape ${JSON.stringify(shape)} != ${JSON.stringify(exp.shape)}`);
  if (got.dtype.name !== exp.dtype) p.push(`${at}.dtype ${got.dtype.name} != ${exp.dtype}`);
  if (got.requires_grad !== exp.requires_grad) p.push(`${at}.requires_grad ${got.requires_grad} != ${exp.requires_grad}`);
  if (!loose) {
    if (got.is_leaf !== exp.is_leaf) p.push(`${at}.is_leaf ${got.is_leaf} != ${exp.is_leaf}`);
    const fn = got.grad_fn === null ? null : printedNodeName(got.grad_fn);
    if (fn !== exp.grad_fn) p.push(`${at}.grad_fn ${fn} != ${exp.grad_fn}`);
    else if (got.grad_fn !== null && !same(nextNames(got.grad_fn), exp.grad_fn_next)) {
      p.push(`${at}.grad_fn.next_functions ${JSON.stringify(nextNames(got.grad_fn))} != ${JSON.stringify(exp.grad_fn_next)}`);
    }
  }
  if (exp.values !== null && p.length === 0) {
    const vals = got._values(0, got.numel());
    const bad: string[] = [];
    exp.values.forEach((w, i) => {
      const want = expectedNumber(w);
      if (!close(vals[i], want, exp.dtype)) bad.push(`[${i}] ${vals[i]} != ${want}`);
    });
    if (bad.length > 0) p.push(`${at} values differ at ${bad.length}/${exp.values.length}: ${bad.slice(0, 4).join(", ")}`);
  }
  if (exp.str !== null && !loose) {
    const s = String(got);
    if (s !== exp.str) p.push(`${at} prints ${JSON.stringify(s)}, PyTorch ${JSON.stringify(exp.str)}`);
  }
  return p;
}

function comparePylist(want: Json, got: unknown, at: string): string[] {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return [`${at}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`];
    return want.flatMap((w, i) => comparePylist(w, got[i], `${at}[${i}]`));
  }
  if (typeof want === "boolean") return got === want ? [] : [`${at}: ${String(got)} != ${want}`];
  return typeof got === "number" && close(got, expectedNumber(want), "float64") ? [] : [`${at}: ${String(got)} != ${String(want)}`];
}

export function compareResult(exp: Expect, got: unknown, at: string, loose: boolean): string[] {
  switch (exp.kind) {
    case "tensor":
      return compareTensor(exp, got, at, loose);
    case "error":
      return [`${at}: PyTorch raised ${exp.message}`];
    case "size": {
      if (!(got instanceof torch.Size)) return [`${at}: expected a torch.Size, got ${typeof got}`];
      const p: string[] = [];
      if (!same([...got], exp.value)) p.push(`${at} ${JSON.stringify([...got])} != ${JSON.stringify(exp.value)}`);
      if (String(got) !== exp.str) p.push(`${at} prints ${String(got)}, PyTorch ${exp.str}`);
      return p;
    }
    case "namedtuple": {
      const r = got as { values?: unknown; indices?: unknown } | null;
      if (r === null || typeof r !== "object") return [`${at}: expected (values, indices), got ${String(got)}`];
      return [
        ...compareResult(exp.fields.values, r.values, `${at}.values`, loose),
        ...compareResult(exp.fields.indices, r.indices, `${at}.indices`, loose),
      ];
    }
    case "list": {
      if (!Array.isArray(got) || got.length !== exp.items.length) return [`${at}: expected a list of ${exp.items.length}, got ${String(got)}`];
      return exp.items.flatMap((e, i) => (e === null || e.kind === "none")
        ? (got[i] === null || got[i] === undefined ? [] : [`${at}[${i}]: expected None`])
        : compareResult(e, got[i], `${at}[${i}]`, loose));
    }
    case "pylist":
      return comparePylist(exp.value, got, at);
    case "none":
      return got === null || got === undefined ? [] : [`${at}: expected None, got ${describeValue(got)}`];
    case "bool":
      return got === exp.value ? [] : [`${at}: ${describeValue(got)} != ${exp.value}`];
    case "number":
      return typeof got === "number" && close(got, expectedNumber(exp.value), "float64") ? [] : [`${at}: ${describeValue(got)} != ${String(exp.value)}`];
    case "dtype": {
      const name = (got as { name?: unknown } | null)?.name;
      if (name !== exp.name) return [`${at}: dtype ${String(name)} != ${exp.name}`];
      return String(got) === exp.str ? [] : [`${at}: prints ${String(got)}, PyTorch ${exp.str}`];
    }
    case "string":
      return got === exp.value ? [] : [`${at}: ${JSON.stringify(got)} != ${JSON.stringify(exp.value)}`];
    case "node": {
      if (got === null || typeof got !== "object" || !("next_functions" in got)) return [`${at}: expected a grad_fn node, got ${describeValue(got)}`];
      const p: string[] = [];
      const name = printedNodeName(got);
      if (name !== exp.name) p.push(`${at}: node ${name} != ${exp.name}`);
      else if (!same(nextNames(got as torch.autograd.Node), exp.next)) p.push(`${at}.next_functions ${JSON.stringify(nextNames(got as torch.autograd.Node))} != ${JSON.stringify(exp.next)}`);
      return p;
    }
    case "handle":
      return typeof (got as { remove?: unknown } | null)?.remove === "function" ? [] : [`${at}: expected a removable handle`];
  }
}

function describeValue(v: unknown): string {
  if (v instanceof torch.Tensor) return `tensor ${String(v)}`;
  return typeof v === "object" && v !== null ? (v.constructor?.name ?? "object") : String(v);
}

/** Each PyTorch warning must appear on our stderr, and we must not warn when PyTorch did not. */
export function compareWarnings(expected: string[], stderr: string): string[] {
  const p: string[] = [];
  for (const w of expected) if (!stderr.includes(w)) p.push(`missing warning ${JSON.stringify(w.slice(0, 60))}...`);
  if (expected.length === 0 && /Warning/.test(stderr)) p.push(`unexpected warning ${JSON.stringify(stderr.trim().slice(0, 100))}`);
  return p;
}
