// nn.ParameterList and nn.ParameterDict: parameters registered under "0", "1", ... or their keys
// (so named_parameters() and state_dict() see them), printed as PyTorch 1.13 prints them.
import { Tensor } from "../../tensor";
import { Module, keepNames, KeyError } from "../module";
import { Parameter, isParameter } from "../parameter";

/** ParameterList prints the dtype (torch.float32), ParameterDict the legacy type name (torch.FloatTensor). */
function describe(p: Tensor, legacyType = false): string {
  const type = legacyType ? `torch.${{ float32: "FloatTensor", float64: "DoubleTensor", int64: "LongTensor", bool: "BoolTensor" }[p._dtype.name]}` : `torch.${p._dtype.name}`;
  return `${isParameter(p) ? "Parameter" : "Tensor"} containing: [${type} of size ${p._shape.join("x")}]`;
}
/** A plain tensor assigned to a ParameterList/Dict becomes a Parameter, as in PyTorch. */
const asParam = (t: Tensor): Tensor => (isParameter(t) ? t : new Parameter(t));

export class ParameterList extends Module {
  _size = 0;
  constructor(values: Iterable<Tensor> | null = null) {
    super();
    if (values) this.extend(values);
  }
  get length(): number { return this._size; }
  __len__(): number { return this._size; }
  append(value: Tensor): this {
    this.register_parameter(String(this._size), asParam(value));
    this._size++;
    return this;
  }
  extend(values: Iterable<Tensor>): this {
    for (const v of values) this.append(v);
    return this;
  }
  get(idx: number): Tensor {
    const i = idx < 0 ? idx + this._size : idx;
    const p = this._parameters.get(String(i));
    if (i < 0 || i >= this._size || !p) throw new RangeError(`index ${idx} is out of range`);
    return p;
  }
  *[Symbol.iterator](): Iterator<Tensor> { for (let i = 0; i < this._size; i++) yield this.get(i); }
  override forward(): never { throw new Error("ParameterList should not be called."); }
  override extra_repr(): string {
    return [...this].map((p, k) => `  (${k}): ${describe(p)}`).join("\n");
  }
}

export class ParameterDict extends Module {
  constructor(parameters: Record<string, Tensor> | Map<string, Tensor> | [string, Tensor][] | null = null) {
    super();
    if (parameters) this.update(parameters);
  }
  get length(): number { return this._parameters.size; }
  __len__(): number { return this._parameters.size; }
  get(key: string, def: Tensor | null = null): Tensor | null { return this._parameters.get(key) ?? def; }
  set(key: string, value: Tensor): this { this.register_parameter(key, asParam(value)); return this; }
  has(key: string): boolean { return this._parameters.has(key); }
  pop(key: string): Tensor {
    const v = this._parameters.get(key);
    if (!v) throw new KeyError(key);
    delete (this as unknown as Record<string, unknown>)[key];
    return v;
  }
  update(parameters: Record<string, Tensor> | Map<string, Tensor> | [string, Tensor][]): this {
    const entries = parameters instanceof Map ? [...parameters] : Array.isArray(parameters) ? parameters : Object.entries(parameters);
    for (const [k, v] of entries) this.set(k, v);
    return this;
  }
  keys(): string[] { return [...this._parameters.keys()]; }
  values(): Tensor[] { return [...this._parameters.values()].filter((p): p is Tensor => p !== null); }
  items(): [string, Tensor][] { return [...this._parameters].filter((e): e is [string, Tensor] => e[1] !== null); }
  *[Symbol.iterator](): Iterator<string> { yield* this._parameters.keys(); }
  override forward(): never { throw new Error("ParameterDict should not be called."); }
  override extra_repr(): string {
    return this.items().map(([k, p]) => `  (${k}): ${describe(p, true)}`).join("\n");
  }
}

keepNames({ ParameterList, ParameterDict });
