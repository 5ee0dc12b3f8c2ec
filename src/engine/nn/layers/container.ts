// Sequential (indexable, sliceable), ModuleList and ModuleDict. Children are registered under
// "0", "1", ... (or their keys) through the Module proxy, so `seq[0]` reads the first layer.
import { Tensor } from "../../tensor";
import { IndexError } from "../../errors";
import { KeyError, Module, keepNames } from "../module";

function wrapIndex(i: number, n: number, what: string): number {
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) throw new IndexError(`index ${i} is out of range`);
  void what;
  return j;
}

abstract class IndexedModules extends Module {
  [index: number]: Module;
  get length(): number { return this._modules.size; }
  protected list(): Module[] { return [...this._modules.values()].filter((m): m is Module => m !== null); }
  /** `seq[i]` with Python's negative indices. */
  get(i: number): Module { return this.list()[wrapIndex(i, this.length, "get")]; }
  [Symbol.iterator](): Iterator<Module> { return this.list()[Symbol.iterator](); }
  /** Re-register children as 0..n-1 after an insertion or removal. */
  protected renumber(mods: Module[]): void {
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    mods.forEach((m, i) => this.add_module(String(i), m));
  }
  append(m: Module): this { this.add_module(String(this.length), m); return this; }
  extend(ms: Iterable<Module>): this { for (const m of ms) this.append(m); return this; }
  insert(index: number, m: Module): void {
    const mods = this.list();
    const n = mods.length;
    const at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    mods.splice(at, 0, m);
    this.renumber(mods);
  }
  pop(index = -1): Module {
    const mods = this.list();
    const [m] = mods.splice(wrapIndex(index, mods.length, "pop"), 1);
    this.renumber(mods);
    return m;
  }
}

export class Sequential extends IndexedModules {
  constructor(...args: (Module | Map<string, Module> | Record<string, Module>)[]) {
    super();
    const first = args[0];
    if (args.length === 1 && first instanceof Map) {
      for (const [k, m] of first) this.add_module(k, m);
    } else if (args.length === 1 && !(first instanceof Module) && typeof first === "object") {
      for (const [k, m] of Object.entries(first)) this.add_module(k, m);
    } else {
      args.forEach((m, i) => this.add_module(String(i), m as Module));
    }
  }
  /** `seq[a:b]`: a new Sequential holding the same layers. */
  slice(start?: number, end?: number): Sequential {
    const s = new Sequential();
    [...this._modules.entries()].slice(start, end).forEach(([k, m]) => s.add_module(k, m));
    return s;
  }
  override forward(input: unknown): unknown {
    let x = input;
    for (const m of this.list()) x = m.forward(x);
    return x;
  }
}

export class ModuleList extends IndexedModules {
  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }
  slice(start?: number, end?: number): ModuleList { return new ModuleList(this.list().slice(start, end)); }
}

export class ModuleDict extends Module {
  constructor(modules: Map<string, Module> | Record<string, Module> | [string, Module][] = {}) {
    super();
    this.update(modules);
  }
  get length(): number { return this._modules.size; }
  get(key: string): Module {
    const m = this._modules.get(key);
    if (!m) throw new KeyError(`'${key}'`);
    return m;
  }
  set(key: string, m: Module): void { this.add_module(key, m); }
  has(key: string): boolean { return this._modules.has(key); }
  pop(key: string): Module {
    const m = this.get(key);
    delete (this as unknown as Record<string, unknown>)[key];
    this._modules.delete(key);
    return m;
  }
  clear(): void { for (const k of [...this._modules.keys()]) this.pop(k); }
  keys(): string[] { return [...this._modules.keys()]; }
  values(): Module[] { return [...this._modules.values()].filter((m): m is Module => m !== null); }
  items(): [string, Module][] { return [...this._modules.entries()].filter((e): e is [string, Module] => e[1] !== null); }
  update(modules: Map<string, Module> | Record<string, Module> | [string, Module][]): void {
    const entries = modules instanceof Map ? [...modules] : Array.isArray(modules) ? modules : Object.entries(modules);
    for (const [k, m] of entries) this.add_module(k, m);
  }
  [Symbol.iterator](): Iterator<string> { return this.keys()[Symbol.iterator](); }
}

export type { Tensor };

keepNames({ Sequential, ModuleList, ModuleDict });
