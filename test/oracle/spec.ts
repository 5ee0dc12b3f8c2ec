// The TS half of the oracle spec interpreter (the Python half, which wrote the fixtures, is
// spec.py; its docstring describes the JSON). A case replays step by step against our engine;
// every step's result is compared with what PyTorch gave for the same step.
import * as torch from "../../src/engine";
import { resetWarnings } from "../../src/engine/errors";
import { compareResult, compareWarnings } from "./compare";
import type { Expect, Json } from "./compare";

export interface InputSpec {
  data: Json;
  shape: number[];
  dtype: string;
  requires_grad: boolean;
  permute?: number[];
}

export interface CallSpec { fn: string; args?: Json[]; kwargs?: Record<string, Json> }

export interface OpStep {
  call: CallSpec;
  out?: string;
  out_index?: number;
  loose?: boolean;
  expect: Expect;
  warnings?: string[];
  backward?: { gradient: { data: Json; dtype: string }; error?: { type: string; message: string } };
  grads?: (Expect | null)[];
}

export interface BlockStep { block: "no_grad" | "enable_grad" | "grad_disabled"; steps: Step[] }
export type Step = OpStep | BlockStep;

export interface Case {
  id: string;
  inputs: InputSpec[];
  steps: Step[];
  nondeterministic?: boolean;
}

export interface Fixture { family: string; torch: string; cases: Case[] }

type Env = Map<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

/** Functions that treat a float-spelled literal as a Python float (the runner wraps those). */
const FACTORIES = new Set([
  "torch.tensor", "torch.zeros", "torch.ones", "torch.full", "torch.arange", "torch.linspace",
  "torch.eye", "torch.empty", "torch.zeros_like", "torch.ones_like", "torch.full_like",
  "torch.empty_like", "torch.rand", "torch.randn", "torch.randint", "torch.as_tensor",
]);

/** A mismatch between our engine and PyTorch: the case fails with this text. */
export class Mismatch extends Error {}

export function decodeNumber(v: Json): number | boolean {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (typeof v === "number" || typeof v === "boolean") return v;
  throw new Mismatch(`bad number in fixture: ${JSON.stringify(v)}`);
}

function decodeNested(v: Json): unknown {
  return Array.isArray(v) ? v.map(decodeNested) : decodeNumber(v);
}

const torchModule = torch as unknown as Record<string, unknown>;

function dtypeOf(name: string): unknown {
  const dt = torchModule[name];
  if (dt === undefined) throw new Mismatch(`torch.${name} is missing`);
  return dt;
}

function makeHook(kind: string, env: Env): (g: torch.Tensor) => torch.Tensor | undefined {
  if (kind === "double") return (g) => g.mul(2);
  if (kind === "zero") return (g) => torch.zeros_like(g);
  if (kind.startsWith("record:")) {
    const name = kind.slice("record:".length);
    return (g) => { env.set(name, g.clone()); return undefined; };
  }
  throw new Mismatch(`unknown hook ${kind}`);
}

function decodeArg(v: Json, env: Env, factory: boolean): unknown {
  if (typeof v === "string") {
    if (v.startsWith("$")) {
      const name = v.slice(1);
      if (!env.has(name)) throw new Mismatch(`variable ${name} is not bound (an earlier step failed)`);
      return env.get(name);
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => decodeArg(x, env, factory));
  if (v !== null && typeof v === "object") {
    if ("$float" in v) {
      const n = decodeNumber(v.$float) as number;
      // A Python float: the runner passes factories a float marker, everything else a number.
      return factory ? torch._floatLiteral(n) : n;
    }
    if ("$dtype" in v) return dtypeOf(String(v.$dtype));
    if ("$hook" in v) return makeHook(String(v.$hook), env);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeArg(x, env, factory);
    return out;
  }
  return v;
}

export function makeInput(spec: InputSpec): torch.Tensor {
  const dtype = dtypeOf(spec.dtype);
  const make = torch.tensor as unknown as Fn;
  const zeros = torch.zeros as unknown as Fn;
  let t = (spec.shape.includes(0) ? zeros(spec.shape, { dtype }) : make(decodeNested(spec.data), { dtype })) as torch.Tensor;
  if (spec.permute) t = t.permute(...spec.permute).detach();
  if (spec.requires_grad) t.requires_grad_(true);
  return t;
}

function resolvePath(path: string): Fn {
  let obj: unknown = torch;
  for (const part of path.split(".").slice(1)) {
    if (obj === null || obj === undefined) break;
    obj = (obj as Record<string, unknown>)[part];
  }
  if (typeof obj !== "function") throw new Mismatch(`${path} is not a function in our engine`);
  return obj as Fn;
}

function invoke(call: CallSpec, env: Env): unknown {
  const fn = call.fn;
  const factory = FACTORIES.has(fn);
  const args = (call.args ?? []).map((a) => decodeArg(a, env, factory));
  const kwEntries = Object.entries(call.kwargs ?? {});
  const kw: Record<string, unknown> = {};
  for (const [k, v] of kwEntries) kw[k] = decodeArg(v, env, factory);
  const withKw = kwEntries.length > 0 ? [...args, kw] : args;
  if (fn.startsWith("torch.")) return resolvePath(fn)(...withKw);
  if (fn.startsWith("method.")) {
    const name = fn.slice("method.".length);
    const self = args[0] as Record<string, unknown>;
    const m = self?.[name];
    if (typeof m !== "function") throw new Mismatch(`method ${name} is missing on ${describe(self)}`);
    return (m as Fn).apply(self, withKw.slice(1));
  }
  if (fn.startsWith("attr.")) return (args[0] as Record<string, unknown>)[fn.slice("attr.".length)];
  if (fn.startsWith("setattr.")) {
    (args[0] as Record<string, unknown>)[fn.slice("setattr.".length)] = args[1];
    return null;
  }
  if (fn === "index") return (args[0] as unknown[])[args[1] as number];
  if (fn === "str") return String(args[0]);
  throw new Mismatch(`unknown fn ${fn}`);
}

function describe(v: unknown): string {
  return v === null || v === undefined ? String(v) : (v.constructor?.name ?? typeof v);
}

/** Runs fn while collecting what the engine writes to stderr (PyTorch's warnings go there). */
function captureStderr<T>(fn: () => T): { value: T; stderr: string } {
  const original = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: fn(), stderr: text };
  } finally {
    process.stderr.write = original;
  }
}

function errorOf(e: unknown): { type: string; message: string } {
  if (e instanceof Mismatch) throw e;
  if (e instanceof Error) return { type: e.name, message: e.message };
  return { type: typeof e, message: String(e) };
}

function runOpStep(step: OpStep, env: Env, inputs: torch.Tensor[], where: string): void {
  const problems: string[] = [];
  const { value: outcome, stderr } = captureStderr(() => {
    try {
      return { ok: true as const, result: invoke(step.call, env) };
    } catch (e) {
      return { ok: false as const, error: errorOf(e) };
    }
  });
  problems.push(...compareWarnings(step.warnings ?? [], stderr));
  const exp = step.expect;
  if (!outcome.ok) {
    if (exp.kind === "error") {
      if (outcome.error.message !== exp.message) problems.push(`error message: got ${JSON.stringify(outcome.error.message)}, PyTorch ${JSON.stringify(exp.message)}`);
    } else {
      problems.push(`threw ${outcome.error.type}: ${outcome.error.message}`);
    }
  } else if (exp.kind === "error") {
    problems.push(`PyTorch raised ${exp.type}: ${exp.message}; we returned ${describe(outcome.result)}`);
  } else {
    problems.push(...compareResult(exp, outcome.result, "result", step.loose === true));
    if (step.out !== undefined) env.set(step.out, outcome.result);
    if (step.backward) problems.push(...runBackward(step, outcome.result, inputs));
  }
  if (problems.length > 0) throw new Mismatch(`${where} ${step.call.fn}: ${problems.join("; ")}`);
}

function runBackward(step: OpStep, result: unknown, inputs: torch.Tensor[]): string[] {
  const bw = step.backward;
  if (!bw) return [];
  let target = result;
  if (step.out_index !== undefined) target = (result as Record<number, unknown>)[step.out_index] ?? (step.out_index === 0 ? (result as { values?: unknown }).values : (result as { indices?: unknown }).indices);
  if (!(target instanceof torch.Tensor)) return [`backward: output ${describe(target)} is not a tensor`];
  const g = makeInput({ data: bw.gradient.data, shape: [...target.shape], dtype: bw.gradient.dtype, requires_grad: false });
  const problems: string[] = [];
  try {
    captureStderr(() => target.backward(g));
    if (bw.error) problems.push(`backward: PyTorch raised ${bw.error.message}, we did not`);
  } catch (e) {
    const err = errorOf(e);
    if (!bw.error) problems.push(`backward threw ${err.type}: ${err.message}`);
    else if (err.message !== bw.error.message) problems.push(`backward error: got ${JSON.stringify(err.message)}, PyTorch ${JSON.stringify(bw.error.message)}`);
  }
  (step.grads ?? []).forEach((expected, i) => {
    const got = inputs[i].grad; // inputs are leaves: no warning
    if (expected === null) {
      if (got !== null && got !== undefined) problems.push(`grad[${i}]: PyTorch has None, we have a tensor`);
    } else {
      problems.push(...compareResult(expected, got, `grad[${i}]`, false));
    }
  });
  return problems;
}

function runSteps(steps: Step[], env: Env, inputs: torch.Tensor[], path: string): void {
  steps.forEach((step, i) => {
    const where = `${path}step ${i}`;
    if ("block" in step) {
      const body = (): void => runSteps(step.steps, env, inputs, `${where}.`);
      if (step.block === "no_grad") torch.no_grad(body);
      else if (step.block === "enable_grad") torch.enable_grad(body);
      else torch.set_grad_enabled(false, body);
    } else {
      runOpStep(step, env, inputs, where);
    }
  });
}

/** Replays one case; throws Mismatch (with every difference of the first failing step). */
export function replay(c: Case): void {
  const env: Env = new Map();
  const inputs = c.inputs.map((spec, i) => {
    const t = makeInput(spec);
    env.set(String(i), t);
    return t;
  });
  resetWarnings(); // the engine warns once per message, as Python does per call site; each case is fresh
  runSteps(c.steps, env, inputs, "");
}
