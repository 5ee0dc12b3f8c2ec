// The Optimizer base: param groups with per-group options, per-parameter state, zero_grad with
// PyTorch 2.x's default set_to_none=True (1.13 zeroed in place by default), state_dict.
// Updates run on the parameters' storage in place and bump their version counters, as
// PyTorch's in-place updates under no_grad do.
import { Tensor } from "../tensor";
import { RuntimeError, TorchTypeError, ValueError } from "../errors";
import { isDense, readDense, writeDense } from "../ops/loops";
import type { TypedArray } from "../dtype";

export type GroupInput<O> = Partial<O> & { params: Iterable<Tensor> | Tensor };
export type ParamGroup<O> = O & { params: Tensor[]; initial_lr?: number };
export type State = Record<string, Tensor | number | null>;

export interface OptimizerStateDict<O> {
  state: Record<number, State>;
  param_groups: (O & { params: number[] })[];
}

function isGroupList<O>(v: unknown[]): v is GroupInput<O>[] {
  return v.length > 0 && !(v[0] instanceof Tensor) && typeof v[0] === "object" && v[0] !== null && "params" in (v[0] as object);
}

export abstract class Optimizer<O extends { lr: number }> {
  readonly defaults: O;
  param_groups: ParamGroup<O>[] = [];
  state = new Map<Tensor, State>();
  /** How many times step() ran (lr_scheduler checks the call order with it). */
  _step_count = 0;

  constructor(params: Iterable<Tensor> | Iterable<GroupInput<O>> | Tensor, defaults: O) {
    if (params instanceof Tensor) {
      throw new TorchTypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor");
    }
    this.defaults = defaults;
    const list = [...(params as Iterable<Tensor | GroupInput<O>>)];
    if (list.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const groups: GroupInput<O>[] = isGroupList<O>(list) ? list : [{ params: list as Tensor[] } as unknown as GroupInput<O>];
    for (const g of groups) this.add_param_group(g);
  }

  add_param_group(group: GroupInput<O>): void {
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TorchTypeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    const seen = new Set(this.param_groups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p))) throw new ValueError("some parameters appear in more than one parameter group");
    if (new Set(params).size !== params.length) {
      process.stderr.write("UserWarning: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information\n");
    }
    this.param_groups.push(full);
  }

  /** PyTorch 2.x default: grads become null (1.13's default zeroed them in place). */
  zero_grad(set_to_none = true): void {
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (p._grad === null) continue;
        if (set_to_none) p._grad = null;
        else {
          if (p._grad._gradFn) p._grad = p._grad.detach();
          p._grad._storage.data.fill(0);
          p._grad._vc.value++;
        }
      }
    }
  }

  /** One update; `closure` re-evaluates the loss and is called once, as in PyTorch. */
  step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = closure ? closure() : undefined;
    this._step_count++;
    for (const group of this.param_groups) {
      for (const p of group.params) {
        const g = p._grad;
        if (g === null) continue; // as PyTorch: parameters without a gradient are skipped
        if (g._shape.length !== p._shape.length || g._shape.some((d, i) => d !== p._shape[i])) {
          throw new RuntimeError(`grad shape ${JSON.stringify(g._shape)} does not match parameter shape ${JSON.stringify(p._shape)}`);
        }
        let st = this.state.get(p);
        if (!st) { st = {}; this.state.set(p, st); }
        const data = readDense(p);
        this.update(p, data, readDense(g), st, group);
        if (!isDense(p)) writeDense(p, data);
        p._vc.value++;
      }
    }
    return loss;
  }

  /** Update `param` (its dense values, written back by step) from `grad`, in place. */
  protected abstract update(param: Tensor, data: TypedArray, grad: TypedArray, state: State, group: ParamGroup<O>): void;

  state_dict(): OptimizerStateDict<O> {
    const index = new Map<Tensor, number>();
    let k = 0;
    const param_groups = this.param_groups.map((g) => {
      const ids = g.params.map((p) => {
        if (!index.has(p)) index.set(p, k++);
        return index.get(p) as number;
      });
      const { params: _unused, ...rest } = g;
      void _unused;
      return { ...rest, params: ids } as O & { params: number[] };
    });
    const state: Record<number, State> = {};
    for (const [p, s] of this.state) {
      const id = index.get(p);
      if (id !== undefined) state[id] = { ...s };
    }
    return { state, param_groups };
  }

  load_state_dict(sd: OptimizerStateDict<O>): void {
    if (sd.param_groups.length !== this.param_groups.length) throw new ValueError("loaded state dict has a different number of parameter groups");
    const byId = new Map<number, Tensor>();
    sd.param_groups.forEach((g, i) => {
      const mine = this.param_groups[i];
      if (g.params.length !== mine.params.length) throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      g.params.forEach((id, j) => byId.set(id, mine.params[j]));
      const { params: _ids, ...rest } = g;
      void _ids;
      Object.assign(mine, rest);
    });
    this.state = new Map();
    for (const [id, s] of Object.entries(sd.state)) {
      const p = byId.get(Number(id));
      if (!p) continue;
      const copy: State = {};
      for (const [k, v] of Object.entries(s)) copy[k] = v instanceof Tensor ? v.detach().clone() : v;
      this.state.set(p, copy);
    }
  }

  toString(): string {
    const lines = [`${this.constructor.name} (`];
    this.param_groups.forEach((g, i) => {
      lines.push(`Parameter Group ${i}`);
      for (const k of Object.keys(g).filter((key) => key !== "params").sort()) {
        lines.push(`    ${k}: ${formatOption((g as Record<string, unknown>)[k])}`);
      }
    });
    lines.push(")");
    return lines.join("\n");
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}

function formatOption(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `(${v.map(formatOption).join(", ")})`;
  return String(v);
}

/** State tensors are dense copies of the parameter's shape and dtype. */
export function stateTensor(p: Tensor, values?: ArrayLike<number>, fill = 0): Tensor {
  const d = p._dtype.alloc(p.numel());
  if (values) d.set(values);
  else if (fill !== 0) d.fill(fill);
  return Tensor._make(d, p._shape, p._dtype);
}
