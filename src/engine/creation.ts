// Factory functions: torch.tensor infers dtype from values as PyTorch infers from Python values;
// sizes come as varargs or one array, with an options object last (`{ dtype, requires_grad }`).
import { DType, bool, int64, get_default_dtype, TypedArray } from "./dtype";
import { Tensor } from "./tensor";
import { FloatLiteral, isScalar, scalarCategory, scalarValue, Scalar } from "./float_literal";
import { numelOf, parseSizes } from "./shape";
import { RuntimeError, ValueError, warnOnce } from "./errors";
import { readDense } from "./ops/loops";
import { rng } from "./rng";

export interface FactoryOptions {
  dtype?: DType | null;
  requires_grad?: boolean;
  device?: string;
  layout?: unknown;
  pin_memory?: boolean;
}
type SizeArg = number | number[] | FactoryOptions;

function isOptions(v: unknown): v is FactoryOptions {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !(v instanceof FloatLiteral) && !ArrayBuffer.isView(v);
}
/** Split `(2, 3, { dtype })` or `([2, 3], { dtype })` into sizes and options. */
export function splitSizeArgs(args: readonly SizeArg[]): { sizes: number[]; opts: FactoryOptions } {
  const last = args[args.length - 1];
  const opts = isOptions(last) ? last : {};
  const rest = isOptions(last) ? args.slice(0, -1) : args;
  return { sizes: parseSizes(rest as (number | number[])[]), opts };
}
function checkDevice(o: FactoryOptions): void {
  if (o.device !== undefined && o.device !== null && !String(o.device).startsWith("cpu")) {
    throw new RuntimeError(`Gradient Inspector runs on the CPU only; device '${o.device}' is not available.`);
  }
}
/** Apply requires_grad with PyTorch's check (integer tensors cannot require grad). */
function finish(t: Tensor, o: FactoryOptions): Tensor {
  checkDevice(o);
  if (o.requires_grad && !t._dtype.isFloatingPoint) {
    throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
  }
  if (o.requires_grad) t._setRequiresGrad(true);
  return t;
}
function filled(sizes: number[], value: number, dtype: DType): Tensor {
  for (const s of sizes) if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${sizes.join(", ")}]`);
  const d = dtype.alloc(numelOf(sizes));
  if (value !== 0) d.fill(dtype.cast(value));
  return Tensor._make(d, sizes, dtype);
}

// ---- torch.tensor --------------------------------------------------------------------------
type Nested = Scalar | Tensor | readonly Nested[] | TypedArray;
export function tensor(data: Nested, opts: FactoryOptions = {}): Tensor {
  if (data instanceof Tensor) {
    warnOnce("To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).");
    const dt = opts.dtype ?? data._dtype;
    const out = Tensor._make(dt.alloc(data.numel()), data._shape, dt);
    const src = readDense(data);
    for (let i = 0; i < src.length; i++) out._storage.data[i] = dt.cast(src[i]);
    return finish(out, opts);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe) || ArrayBuffer.isView(probe)) {
    const arr = probe as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    probe = arr[0];
  }
  if (probe instanceof Tensor) shape.push(...probe._shape);
  const flat: number[] = [];
  let cat = -1;
  const walk = (v: unknown, dim: number): void => {
    if (dim < shape.length && !(v instanceof Tensor)) {
      if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
        throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${describe(v)})`);
      }
      const arr = v as ArrayLike<unknown>;
      if (arr.length !== shape[dim]) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${arr.length})`);
      for (let i = 0; i < arr.length; i++) walk(arr[i], dim + 1);
      return;
    }
    if (v instanceof Tensor) {
      if (v._shape.length !== shape.length - dim) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got a tensor of ${v._shape.length} dims)`);
      cat = Math.max(cat, v._dtype.category);
      for (const x of readDense(v)) flat.push(x);
      return;
    }
    if (!isScalar(v)) throw new TypeError(`Could not infer dtype of ${describe(v)}`);
    cat = Math.max(cat, ArrayBuffer.isView(data) && !(data instanceof Uint8Array) ? 2 : scalarCategory(v));
    flat.push(scalarValue(v));
  };
  walk(data, 0);
  if (ArrayBuffer.isView(data)) cat = data instanceof Float32Array || data instanceof Float64Array ? 2 : cat;
  let dtype: DType = opts.dtype ?? (cat === 2 || cat === -1 ? get_default_dtype() : cat === 1 ? int64 : bool);
  // API.md: asking for the gradient of integer-valued data means float data.
  if (!opts.dtype && opts.requires_grad && !dtype.isFloatingPoint) dtype = get_default_dtype();
  const out = dtype.alloc(flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = dtype.cast(flat[i]);
  return finish(Tensor._make(out, shape, dtype), opts);
}
function describe(v: unknown): string {
  if (v === null) return "None";
  if (v === undefined) return "undefined";
  return typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v;
}
export function as_tensor(data: Nested, opts: FactoryOptions = {}): Tensor {
  if (data instanceof Tensor && (!opts.dtype || opts.dtype === data._dtype)) return data;
  return tensor(data, opts);
}
export function scalar_tensor(v: Scalar, opts: FactoryOptions = {}): Tensor {
  return finish(filled([], scalarValue(v), opts.dtype ?? get_default_dtype()), opts);
}

// ---- filled factories --------------------------------------------------------------------
export function zeros(...args: SizeArg[]): Tensor {
  const { sizes, opts } = splitSizeArgs(args);
  return finish(filled(sizes, 0, opts.dtype ?? get_default_dtype()), opts);
}
export function ones(...args: SizeArg[]): Tensor {
  const { sizes, opts } = splitSizeArgs(args);
  return finish(filled(sizes, 1, opts.dtype ?? get_default_dtype()), opts);
}
/** Uninitialised memory in PyTorch; zeros here (deterministic, and printing garbage helps nobody). */
export function empty(...args: SizeArg[]): Tensor { return zeros(...args); }
export function full(size: number[] | number, fill_value: Scalar, opts: FactoryOptions = {}): Tensor {
  const sizes = typeof size === "number" ? [size] : size;
  const c = scalarCategory(fill_value);
  const dtype = opts.dtype ?? (c === 2 ? get_default_dtype() : c === 1 ? int64 : bool);
  return finish(filled(sizes, scalarValue(fill_value), dtype), opts);
}
function likeOpts(t: Tensor, o: FactoryOptions): FactoryOptions { return { ...o, dtype: o.dtype ?? t._dtype }; }
export function zeros_like(t: Tensor, opts: FactoryOptions = {}): Tensor { return zeros(t._shape, likeOpts(t, opts)); }
export function ones_like(t: Tensor, opts: FactoryOptions = {}): Tensor { return ones(t._shape, likeOpts(t, opts)); }
export function empty_like(t: Tensor, opts: FactoryOptions = {}): Tensor { return zeros(t._shape, likeOpts(t, opts)); }
export function full_like(t: Tensor, v: Scalar, opts: FactoryOptions = {}): Tensor { return full(t._shape, v, likeOpts(t, opts)); }

// ---- ranges ----------------------------------------------------------------------------------
export function arange(...args: (Scalar | FactoryOptions)[]): Tensor {
  const opts = isOptions(args[args.length - 1]) ? (args.pop() as FactoryOptions) : {};
  const nums = args as Scalar[];
  let start: Scalar = 0, end: Scalar, step: Scalar = 1;
  if (nums.length === 1) end = nums[0];
  else if (nums.length === 2) [start, end] = nums;
  else [start, end, step] = nums;
  const s = scalarValue(start), e = scalarValue(end), st = scalarValue(step);
  if (st === 0) throw new RuntimeError("step must be nonzero");
  if ((st > 0 && e < s) || (st < 0 && e > s)) throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  const isFloat = [start, end, step].some((v) => scalarCategory(v) === 2);
  const dtype = opts.dtype ?? (isFloat ? get_default_dtype() : int64);
  const n = Math.ceil((e - s) / st);
  const d = dtype.alloc(n);
  for (let i = 0; i < n; i++) d[i] = dtype.cast(s + i * st);
  return finish(Tensor._make(d, [n], dtype), opts);
}
export function range(start: Scalar, end: Scalar, step: Scalar = 1, opts: FactoryOptions = {}): Tensor {
  warnOnce("torch.range is deprecated and will be removed in a future release because its behavior is inconsistent with Python's range builtin. Instead, use torch.arange, which produces values in [start, end).");
  const s = scalarValue(start), e = scalarValue(end), st = scalarValue(step);
  const n = Math.floor((e - s) / st) + 1;
  const dtype = opts.dtype ?? get_default_dtype();
  const d = dtype.alloc(n);
  for (let i = 0; i < n; i++) d[i] = dtype.cast(s + i * st);
  return finish(Tensor._make(d, [n], dtype), opts);
}
/** PyTorch's linspace kernel: the first half steps up from start, the second down from end. */
export function linspace(start: Scalar, end: Scalar, steps: number | (FactoryOptions & { steps?: number }), opts: FactoryOptions = {}): Tensor {
  if (typeof steps === "object") { opts = steps; steps = steps.steps ?? NaN; }
  if (!Number.isInteger(steps)) throw new TypeError("linspace() missing required argument 'steps'");
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dtype = opts.dtype ?? get_default_dtype();
  const s = scalarValue(start), e = scalarValue(end);
  const d = dtype.alloc(steps);
  if (steps === 1) d[0] = dtype.cast(s);
  else if (steps > 1) {
    const step = (e - s) / (steps - 1);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) d[i] = dtype.cast(i < half ? s + step * i : e - step * (steps - i - 1));
  }
  return finish(Tensor._make(d, [steps], dtype), opts);
}
export function logspace(start: Scalar, end: Scalar, steps: number, base = 10, opts: FactoryOptions = {}): Tensor {
  const lin = linspace(start, end, steps, { dtype: get_default_dtype().name === "float64" ? undefined : undefined });
  const dtype = opts.dtype ?? get_default_dtype();
  const d = dtype.alloc(steps);
  for (let i = 0; i < steps; i++) d[i] = dtype.cast(Math.pow(base, lin._storage.data[i]));
  return finish(Tensor._make(d, [steps], dtype), opts);
}
export function eye(n: number, m?: number | FactoryOptions, opts: FactoryOptions = {}): Tensor {
  if (isOptions(m)) { opts = m; m = undefined; }
  const cols = (m as number | undefined) ?? n;
  const dtype = opts.dtype ?? get_default_dtype();
  const d = dtype.alloc(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  return finish(Tensor._make(d, [n, cols], dtype), opts);
}

// ---- random ----------------------------------------------------------------------------------
export function rand(...args: SizeArg[]): Tensor {
  const { sizes, opts } = splitSizeArgs(args);
  const dtype = opts.dtype ?? get_default_dtype();
  if (!dtype.isFloatingPoint) throw new RuntimeError(`"check_uniform_bounds" not implemented for '${dtype.name === "int64" ? "Long" : "Bool"}'`);
  return finish(Tensor._make(rng().uniform(numelOf(sizes), 0, 1, dtype), sizes, dtype), opts);
}
export function randn(...args: SizeArg[]): Tensor {
  const { sizes, opts } = splitSizeArgs(args);
  const dtype = opts.dtype ?? get_default_dtype();
  return finish(Tensor._make(rng().normal(numelOf(sizes), 0, 1, dtype), sizes, dtype), opts);
}
export function rand_like(t: Tensor, opts: FactoryOptions = {}): Tensor { return rand(t._shape, likeOpts(t, opts)); }
export function randn_like(t: Tensor, opts: FactoryOptions = {}): Tensor { return randn(t._shape, likeOpts(t, opts)); }
/** randint(high, size) or randint(low, high, size), int64 unless a dtype is given. */
export function randint(...args: (number | number[] | FactoryOptions)[]): Tensor {
  const opts = isOptions(args[args.length - 1]) ? (args.pop() as FactoryOptions) : {};
  let low = 0, high: number, size: number[];
  if (args.length === 2) [high, size] = args as [number, number[]];
  else [low, high, size] = args as [number, number, number[]];
  if (low >= high) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const dtype = opts.dtype ?? int64;
  const vals = rng().randint(numelOf(size), low, high);
  const d = dtype.alloc(vals.length);
  d.set(vals as unknown as Float32Array);
  return finish(Tensor._make(d, size, dtype), opts);
}
export function randint_like(t: Tensor, low: number, high?: number, opts: FactoryOptions = {}): Tensor {
  if (high === undefined) { high = low; low = 0; }
  return randint(low, high, t._shape, likeOpts(t, opts));
}
export function randperm(n: number, opts: FactoryOptions = {}): Tensor {
  const dtype = opts.dtype ?? int64;
  const vals = rng().randperm(n);
  const d = dtype.alloc(n);
  d.set(vals as unknown as Float32Array);
  return finish(Tensor._make(d, [n], dtype), opts);
}
export function normal(mean: number | Tensor, std: number | Tensor = 1, size?: number[], opts: FactoryOptions = {}): Tensor {
  if (mean instanceof Tensor || std instanceof Tensor) {
    const m = mean instanceof Tensor ? mean : null, s = std instanceof Tensor ? std : null;
    const ref = (m ?? s) as Tensor;
    const z = rng().normal(ref.numel(), 0, 1, ref._dtype);
    const md = m ? readDense(m) : null, sd = s ? readDense(s) : null;
    for (let i = 0; i < z.length; i++) z[i] = ref._dtype.cast((md ? md[i] : (mean as number)) + (sd ? sd[i] : (std as number)) * z[i]);
    return Tensor._make(z, ref._shape, ref._dtype);
  }
  const dtype = opts.dtype ?? get_default_dtype();
  return finish(Tensor._make(rng().normal(numelOf(size ?? []), mean, std, dtype), size ?? [], dtype), opts);
}
export function bernoulli(p: Tensor): Tensor {
  return Tensor._make(rng().bernoulli(readDense(p), p._dtype), p._shape, p._dtype);
}
export function manual_seed(seed: number): { initial_seed(): number } {
  rng().manual_seed(seed);
  return { initial_seed: () => rng().initial_seed() };
}
export function seed(): number { return rng().seed(); }
export function initial_seed(): number { return rng().initial_seed(); }
export function get_rng_state(): unknown { return rng().get_state(); }
export function set_rng_state(s: unknown): void { rng().set_state(s); }
