// nn.Module. TypeScript has no __setattr__, so the constructor returns a Proxy whose
// defineProperty trap (reached by plain assignment as well as by class fields) records Modules
// and Parameters in ordered maps, exactly when Python's __setattr__ would: `this.conv1 = ...`
// in a subclass constructor registers in order, and `model.fc = new nn.Linear(512, 10)`
// replaces the layer. The get trap wraps `forward`, so `model.forward(x)` runs forward hooks
// and pushes the module's dotted path on moduleStack (graph nodes record it as `_module`).
import { Tensor } from "../tensor";
import { moduleStack } from "../ops/define";
import { no_grad } from "../autograd/index";
import { RuntimeError, TorchTypeError, ValueError } from "../errors";
import { Size } from "../shape";
import type { DType } from "../dtype";
import { isParameter, Parameter } from "./parameter";

export type StateDict = Record<string, Tensor>;
export type ForwardPreHook = (module: Module, input: unknown[]) => unknown;
export type ForwardHook = (module: Module, input: unknown[], output: unknown) => unknown;
export interface RemovableHandle { remove(): void }
export interface LoadResult { missing_keys: string[]; unexpected_keys: string[] }

let nextHookId = 1;

/** Modules whose forward is running, with the module → path map of the outermost call. */
interface Frame { paths: Map<Module, string> }
const frames: Frame[] = [];

function typeName(v: unknown): string {
  if (v instanceof Tensor) return `torch.${{ float32: "FloatTensor", float64: "DoubleTensor", int64: "LongTensor", bool: "BoolTensor" }[v._dtype.name]}`;
  if (v === null) return "NoneType";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return { number: "float", string: "str", boolean: "bool" }[typeof v as string] ?? typeof v;
}

/** Python's _addindent: indent every line but the first. */
function addIndent(s: string, n: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  return [lines[0], ...lines.slice(1).map((l) => " ".repeat(n) + l)].join("\n");
}

const handler: ProxyHandler<Module> = {
  defineProperty(target, prop, desc) {
    if (typeof prop === "string" && "value" in desc) target._register(prop, desc.value);
    return Reflect.defineProperty(target, prop, desc);
  },
  deleteProperty(target, prop) {
    if (typeof prop === "string") {
      target._parameters.delete(prop);
      target._buffers.delete(prop);
      target._modules.delete(prop);
    }
    return Reflect.deleteProperty(target, prop);
  },
  get(target, prop, receiver) {
    const v = Reflect.get(target, prop, receiver);
    if (prop === "forward" && typeof v === "function") {
      return (...args: unknown[]) => (receiver as Module)._callForward(v as (...a: unknown[]) => unknown, args);
    }
    return v;
  },
};

export class Module {
  training = true;
  readonly _parameters = new Map<string, Tensor | null>();
  readonly _buffers = new Map<string, Tensor | null>();
  readonly _nonPersistentBuffers = new Set<string>();
  readonly _modules = new Map<string, Module | null>();
  readonly _forwardPreHooks = new Map<number, ForwardPreHook>();
  readonly _forwardHooks = new Map<number, ForwardHook>();

  constructor() {
    // Field initialisers above ran on the raw object; everything after goes through the proxy.
    return new Proxy(this, handler);
  }

  // PyTorch's forward takes and returns whatever the module defines; subclasses narrow it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forward(..._args: any[]): any {
    throw new RuntimeError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  /** Python's __setattr__ bookkeeping (called by the proxy for every attribute definition). */
  _register(name: string, value: unknown): void {
    if (value instanceof Module) {
      this._parameters.delete(name);
      this._buffers.delete(name);
      this._modules.set(name, value);
    } else if (isParameter(value)) {
      this._modules.delete(name);
      this._buffers.delete(name);
      this._parameters.set(name, value);
      value._name ??= name;
    } else if (this._parameters.has(name)) {
      if (value !== null && value !== undefined) {
        throw new TorchTypeError(`cannot assign '${typeName(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`);
      }
      this._parameters.set(name, null);
    } else if (this._modules.has(name)) {
      if (value !== null && value !== undefined) {
        throw new TorchTypeError(`cannot assign '${typeName(value)}' as child module '${name}' (torch.nn.Module or None expected)`);
      }
      this._modules.set(name, null);
    } else if (this._buffers.has(name)) {
      if (value !== null && value !== undefined && !(value instanceof Tensor)) {
        throw new TorchTypeError(`cannot assign '${typeName(value)}' as buffer '${name}' (torch.Tensor or None expected)`);
      }
      this._buffers.set(name, (value as Tensor | null | undefined) ?? null);
    }
  }

  private _setAttr(name: string, value: unknown): void {
    (this as unknown as Record<string, unknown>)[name] = value;
  }

  register_parameter(name: string, param: Tensor | null): void {
    if (name.includes(".")) throw new KeyError(`parameter name can't contain "."`);
    if (name === "") throw new KeyError(`parameter name can't be empty string ""`);
    if (param !== null && !isParameter(param)) {
      throw new TorchTypeError(`cannot assign '${typeName(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    if (param === null) this._parameters.set(name, null);
    this._setAttr(name, param);
  }

  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    if (name.includes(".")) throw new KeyError(`buffer name can't contain "."`);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TorchTypeError(`cannot assign '${typeName(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    this._parameters.delete(name);
    this._modules.delete(name);
    this._buffers.set(name, tensor);
    if (persistent) this._nonPersistentBuffers.delete(name);
    else this._nonPersistentBuffers.add(name);
    this._setAttr(name, tensor);
  }

  add_module(name: string, module: Module | null): void {
    if (name.includes(".")) throw new KeyError(`module name can't contain ".", got: ${name}`);
    if (module === null) this._modules.set(name, null);
    this._setAttr(name, module);
  }
  register_module(name: string, module: Module | null): void { this.add_module(name, module); }

  get_submodule(target: string): Module {
    if (target === "") return this;
    let mod = this as Module;
    for (const item of target.split(".")) {
      const next = mod._modules.get(item);
      if (!next) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
      mod = next;
    }
    return mod;
  }
  get_parameter(target: string): Tensor {
    const i = target.lastIndexOf(".");
    const mod = this.get_submodule(i < 0 ? "" : target.slice(0, i));
    const p = mod._parameters.get(target.slice(i + 1));
    if (!p) throw new AttributeError(`${mod._get_name()} has no parameter \`${target.slice(i + 1)}\``);
    return p;
  }

  // ---- iteration (generators, as PyTorch's are) ------------------------------------------------
  *named_modules(memo: Set<Module> = new Set(), prefix = "", remove_duplicate = true): Generator<[string, Module]> {
    if (remove_duplicate && memo.has(this)) return;
    if (remove_duplicate) memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this._modules) {
      if (!m) continue;
      yield* m.named_modules(memo, prefix ? `${prefix}.${name}` : name, remove_duplicate);
    }
  }
  *modules(): Generator<Module> { for (const [, m] of this.named_modules()) yield m; }
  *named_children(): Generator<[string, Module]> {
    const seen = new Set<Module>();
    for (const [name, m] of this._modules) if (m && !seen.has(m)) { seen.add(m); yield [name, m]; }
  }
  *children(): Generator<Module> { for (const [, m] of this.named_children()) yield m; }

  private *namedMembers(which: "_parameters" | "_buffers", prefix: string, recurse: boolean): Generator<[string, Tensor]> {
    const seen = new Set<Tensor>();
    const mods: [string, Module][] = recurse ? [...this.named_modules(new Set(), prefix)] : [[prefix, this]];
    for (const [mp, m] of mods) {
      for (const [k, v] of m[which]) {
        if (!v || seen.has(v)) continue;
        seen.add(v);
        yield [mp ? `${mp}.${k}` : k, v];
      }
    }
  }
  *named_parameters(prefix = "", recurse = true): Generator<[string, Tensor]> { yield* this.namedMembers("_parameters", prefix, recurse); }
  *parameters(recurse = true): Generator<Tensor> { for (const [, p] of this.named_parameters("", recurse)) yield p; }
  *named_buffers(prefix = "", recurse = true): Generator<[string, Tensor]> { yield* this.namedMembers("_buffers", prefix, recurse); }
  *buffers(recurse = true): Generator<Tensor> { for (const [, b] of this.named_buffers("", recurse)) yield b; }

  /** Give every parameter and buffer its dotted path from this module (the graph shows it). */
  _nameTensors(): void {
    for (const [n, p] of this.named_parameters()) p._name = n;
    for (const [n, b] of this.named_buffers()) b._name = n;
  }

  // ---- modes and gradients ----------------------------------------------------------------------
  train(mode = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }
  eval(): this { return this.train(false); }

  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /** PyTorch 2.x default: set_to_none=True (1.13 defaulted to zeroing in place). */
  zero_grad(set_to_none = true): void {
    for (const p of this.parameters()) {
      if (p._grad === null) continue;
      if (set_to_none) p._grad = null;
      else {
        p._grad = p._grad._gradFn ? p._grad.detach() : p._grad;
        p._grad._storage.data.fill(0);
        p._grad._vc.value++;
      }
    }
  }

  apply(fn: (m: Module) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /** Replace every parameter's and buffer's data (dtype moves). Parameters stay the same objects. */
  _apply(fn: (t: Tensor) => Tensor): this {
    for (const m of this.modules()) {
      for (const p of m._parameters.values()) if (p) { p.data = fn(p.data); if (p._grad) p._grad.data = fn(p._grad.data); }
      for (const [k, b] of m._buffers) if (b) (m as unknown as Record<string, unknown>)[k] = fn(b);
    }
    return this;
  }
  to(target: DType | string | { dtype?: DType }): this {
    const dtype = typeof target === "string" ? null : "name" in target && typeof (target as DType).name === "string" && !("dtype" in target) ? (target as DType) : (target as { dtype?: DType }).dtype ?? null;
    if (typeof target === "string" && !target.startsWith("cpu")) throw new RuntimeError(`Gradient Inspector runs on the CPU only; device '${target}' is not available.`);
    if (!dtype) return this;
    return this._apply((t) => (t.is_floating_point() ? t.to(dtype) : t));
  }
  float(): this { return this._apply((t) => (t.is_floating_point() ? t.float() : t)); }
  double(): this { return this._apply((t) => (t.is_floating_point() ? t.double() : t)); }
  cpu(): this { return this; }
  cuda(): this { throw new RuntimeError("Gradient Inspector runs on the CPU only; CUDA is not available."); }

  // ---- state ----------------------------------------------------------------------------------
  state_dict(opts: { prefix?: string; keep_vars?: boolean } = {}): StateDict {
    const out: StateDict = {};
    const keep = opts.keep_vars ?? false;
    const visit = (m: Module, prefix: string) => {
      for (const [k, p] of m._parameters) if (p) out[prefix + k] = keep ? p : p.detach();
      for (const [k, b] of m._buffers) if (b && !m._nonPersistentBuffers.has(k)) out[prefix + k] = keep ? b : b.detach();
      for (const [k, c] of m._modules) if (c) visit(c, `${prefix}${k}.`);
    };
    visit(this, opts.prefix ?? "");
    return out;
  }

  load_state_dict(state: StateDict | Map<string, Tensor>, strict = true): LoadResult {
    const entries = state instanceof Map ? state : new Map(Object.entries(state));
    const missing: string[] = [], errors: string[] = [];
    const used = new Set<string>();
    const visit = (m: Module, prefix: string) => {
      const own: [string, Tensor][] = [];
      for (const [k, p] of m._parameters) if (p) own.push([k, p]);
      for (const [k, b] of m._buffers) if (b && !m._nonPersistentBuffers.has(k)) own.push([k, b]);
      for (const [k, t] of own) {
        const key = prefix + k;
        const src = entries.get(key);
        if (!src) { missing.push(key); continue; }
        used.add(key);
        if (!Size.from_(src._shape).equals(t._shape)) {
          errors.push(`size mismatch for ${key}: copying a param with shape ${Size.from_(src._shape)} from checkpoint, the shape in current model is ${Size.from_(t._shape)}.`);
          continue;
        }
        no_grad(() => t.copy_(src));
      }
      for (const [k, c] of m._modules) if (c) visit(c, `${prefix}${k}.`);
    };
    visit(this, "");
    const unexpected = [...entries.keys()].filter((k) => !used.has(k) && !missing.includes(k));
    if (strict) {
      if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length) {
      throw new RuntimeError(`Error(s) in loading state_dict for ${this._get_name()}:\n\t${errors.join("\n\t")}`);
    }
    return { missing_keys: missing, unexpected_keys: unexpected };
  }

  // ---- hooks and forward ----------------------------------------------------------------------
  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    const id = nextHookId++;
    this._forwardPreHooks.set(id, hook);
    return { remove: () => { this._forwardPreHooks.delete(id); } };
  }
  register_forward_hook(hook: ForwardHook): RemovableHandle {
    const id = nextHookId++;
    this._forwardHooks.set(id, hook);
    return { remove: () => { this._forwardHooks.delete(id); } };
  }

  /** What `module(x)` does in PyTorch: pre-hooks, forward under this module's path, hooks. */
  _callForward(forward: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    let frame = frames[frames.length - 1];
    let path = frame?.paths.get(this);
    let pushedFrame = false;
    if (path === undefined) {
      // An outermost call (or a module its caller does not own): paths are relative to it.
      frame = { paths: new Map() };
      for (const [n, m] of this.named_modules()) if (!frame.paths.has(m)) frame.paths.set(m, n);
      frames.push(frame);
      pushedFrame = true;
      this._nameTensors();
      path = "";
    }
    moduleStack.push(path === "" ? this._get_name() : path);
    try {
      let input = args;
      for (const h of this._forwardPreHooks.values()) {
        const r = h(this, input);
        if (r !== undefined && r !== null) input = Array.isArray(r) ? r : [r];
      }
      let out = forward.apply(this, input);
      for (const h of this._forwardHooks.values()) {
        const r = h(this, input, out);
        if (r !== undefined && r !== null) out = r;
      }
      return out;
    } finally {
      moduleStack.pop();
      if (pushedFrame) frames.pop();
    }
  }

  // ---- printing -----------------------------------------------------------------------------
  _get_name(): string { return this.constructor.name; }
  extra_repr(): string { return ""; }
  toString(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines: string[] = [];
    for (const [k, m] of this._modules) childLines.push(`(${k}): ${addIndent(m ? m.toString() : "None", 2)}`);
    const lines = [...extraLines, ...childLines];
    let s = this._get_name() + "(";
    if (lines.length) {
      if (extraLines.length === 1 && !childLines.length) s += extraLines[0];
      else s += "\n  " + lines.join("\n  ") + "\n";
    }
    return s + ")";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}

export class KeyError extends Error { constructor(m: string) { super(m); this.name = "KeyError"; } }
export class AttributeError extends Error { constructor(m: string) { super(m); this.name = "AttributeError"; } }

export { Parameter };

/**
 * Pin each class's `name` to its PyTorch name: bundlers may rename classes (`_Sequential`),
 * and the repr prints `constructor.name`. Called with object shorthand, whose keys survive.
 */
export function keepNames(classes: Record<string, abstract new (...args: never[]) => unknown>): void {
  for (const [name, cls] of Object.entries(classes)) Object.defineProperty(cls, "name", { value: name });
}
