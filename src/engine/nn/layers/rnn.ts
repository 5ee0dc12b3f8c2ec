// nn.RNN, nn.LSTM, nn.GRU and their cells, composed from differentiable ops (linear, sigmoid,
// tanh, unsafe_chunk, stack, cat) the way ATen's CPU implementation (native/RNN.cpp) composes them:
// the input projection of a whole sequence is one linear, then one cell per step; step outputs are
// stacked (StackBackward0), directions concatenated (CatBackward0), final states stacked.
// Parameters are registered, named and initialised (U(-1/√hidden, 1/√hidden) over parameters() in
// order) exactly as PyTorch does, so `torch.manual_seed(s)` gives PyTorch's weights.
import { Tensor } from "../../tensor";
import { empty, zeros } from "../../creation";
import type { DType } from "../../dtype";
import { RuntimeError, ValueError, NotImplementedError, warnOnce } from "../../errors";
import { add, mul, relu, sigmoid, sub, tanh } from "../../ops/elementwise";
import { cat, stack, unbind } from "../../ops/views";
import { Size } from "../../shape";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import { dropout, linear } from "../functional";
import { parseArgs } from "../args";
import { pyRepr } from "./format";
import { transposeInplaceOp, unsafeChunkOp } from "../rnn_ops";

type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";
const gateCount: Record<Mode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

interface Weights { w_ih: Tensor; w_hh: Tensor; b_ih: Tensor | null; b_hh: Tensor | null }
interface State { h: Tensor; c: Tensor | null }

/**
 * One step of a cell. `xw` is the input already projected (linear(x, w_ih, b_ih)), as ATen's
 * cells receive it with pre_compute_input. Formulas and operand order from RNN.cpp.
 */
function cellStep(mode: Mode, xw: Tensor, s: State, w: Weights): State {
  const hw = linear(s.h, w.w_hh, w.b_hh);
  if (mode === "LSTM") {
    const [i, f, g, o] = unsafeChunkOp([add(hw, xw)], { chunks: 4, dim: 1 });
    const c = add(mul(sigmoid(f), s.c as Tensor), mul(sigmoid(i), tanh(g)));
    return { h: mul(sigmoid(o), tanh(c)), c };
  }
  if (mode === "GRU") {
    const ig = unsafeChunkOp([xw], { chunks: 3, dim: 1 }), hg = unsafeChunkOp([hw], { chunks: 3, dim: 1 });
    const r = sigmoid(add(hg[0], ig[0]));
    const z = sigmoid(add(hg[1], ig[1]));
    const n = tanh(add(ig[2], mul(hg[2], r)));
    return { h: add(mul(sub(s.h, n), z), n), c: null };
  }
  const pre = add(hw, xw);
  return { h: mode === "RNN_TANH" ? tanh(pre) : relu(pre), c: null };
}

/** One direction of one layer over a (L, N, in) sequence: step outputs (in time order) and the final state. */
function runDirection(mode: Mode, input: Tensor, s0: State, w: Weights, reverse: boolean): { out: Tensor; last: State } {
  const steps = unbind(linear(input, w.w_ih, w.b_ih), 0);
  if (reverse) steps.reverse();
  const outs: Tensor[] = [];
  let s = s0;
  for (const xw of steps) {
    s = cellStep(mode, xw, s, w);
    outs.push(s.h);
  }
  if (outs.length === 0) throw new RuntimeError("Expected sequence length to be larger than 0 in RNN");
  if (reverse) outs.reverse();
  return { out: stack(outs, 0), last: s };
}

export interface RNNOpts {
  num_layers?: number; nonlinearity?: "tanh" | "relu"; bias?: boolean; batch_first?: boolean; dropout?: number;
  bidirectional?: boolean; proj_size?: number; dtype?: DType; device?: string;
}
type Arg = number | string | boolean | DType | RNNOpts | undefined;

export class RNNBase extends Module {
  mode: Mode;
  input_size: number;
  hidden_size: number;
  num_layers: number;
  bias: boolean;
  batch_first: boolean;
  dropout: number;
  bidirectional: boolean;
  proj_size: number;
  _flat_weights_names: string[] = [];

  constructor(mode: Mode, input_size: number, hidden_size: number, o: Partial<RNNOpts>) {
    super();
    this.mode = mode;
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.num_layers = o.num_layers ?? 1;
    this.bias = o.bias ?? true;
    this.batch_first = o.batch_first ?? false;
    this.dropout = o.dropout ?? 0;
    this.bidirectional = o.bidirectional ?? false;
    this.proj_size = o.proj_size ?? 0;
    if (this.dropout < 0 || this.dropout > 1 || typeof o.dropout === "boolean") {
      throw new ValueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed");
    }
    if (this.dropout > 0 && this.num_layers === 1) {
      warnOnce(`dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${pyRepr(this.dropout, true)} and num_layers=${this.num_layers}`);
    }
    if (this.proj_size !== 0) throw new NotImplementedError("LSTM proj_size is not supported by Gradient Inspector");
    const G = gateCount[mode] * hidden_size;
    const dirs = this.bidirectional ? 2 : 1;
    for (let layer = 0; layer < this.num_layers; layer++) {
      for (let d = 0; d < dirs; d++) {
        const inSize = layer === 0 ? input_size : hidden_size * dirs;
        const suffix = d === 1 ? "_reverse" : "";
        const shapes: [string, number[]][] = [[`weight_ih_l${layer}${suffix}`, [G, inSize]], [`weight_hh_l${layer}${suffix}`, [G, hidden_size]]];
        if (this.bias) shapes.push([`bias_ih_l${layer}${suffix}`, [G]], [`bias_hh_l${layer}${suffix}`, [G]]);
        for (const [name, shape] of shapes) {
          this.register_parameter(name, new Parameter(empty(shape, { dtype: o.dtype })));
          this._flat_weights_names.push(name);
        }
      }
    }
    this.reset_parameters();
  }

  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1 / Math.sqrt(this.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  get all_weights(): Tensor[][] {
    const per = this.bias ? 4 : 2;
    const ws = this._flat_weights_names.map((n) => this._parameters.get(n) as Tensor);
    const out: Tensor[][] = [];
    for (let i = 0; i < ws.length; i += per) out.push(ws.slice(i, i + per));
    return out;
  }

  private weightsOf(layer: number, reverse: boolean): Weights {
    const s = reverse ? "_reverse" : "";
    const p = (n: string) => this._parameters.get(`${n}_l${layer}${s}`) ?? null;
    return { w_ih: p("weight_ih") as Tensor, w_hh: p("weight_hh") as Tensor, b_ih: p("bias_ih"), b_hh: p("bias_hh") };
  }

  private checkHidden(h: Tensor, expected: number[], what: string): void {
    if (!Size.from_(h._shape).equals(expected)) {
      throw new RuntimeError(`Expected ${what} size (${expected.join(", ")}), got [${h._shape.join(", ")}]`);
    }
  }

  /** Shared by RNN/GRU (hx a tensor) and LSTM (hx a pair). */
  _run(input: Tensor, hx: Tensor | [Tensor, Tensor] | null | undefined): [Tensor, Tensor, Tensor | null] {
    const name = this._get_name();
    if (input.dim() !== 2 && input.dim() !== 3) throw new ValueError(`${name}: Expected input to be 2-D or 3-D but received ${input.dim()}-D tensor`);
    const batched = input.dim() === 3;
    const batchDim = this.batch_first ? 0 : 1;
    let x = batched ? input : input.unsqueeze(batchDim);
    if (x._shape[2] !== this.input_size) throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x._shape[2]}`);
    const dirs = this.bidirectional ? 2 : 1;
    const N = x._shape[this.batch_first ? 0 : 1];
    const hShape = [this.num_layers * dirs, N, this.hidden_size];
    let h0: Tensor, c0: Tensor | null = null;
    const isLstm = this.mode === "LSTM";
    if (hx === null || hx === undefined) {
      h0 = zeros(hShape, { dtype: input._dtype });
      if (isLstm) c0 = zeros(hShape, { dtype: input._dtype });
    } else if (isLstm) {
      if (!Array.isArray(hx)) throw new RuntimeError("LSTM expects hx as a pair (h_0, c_0)");
      [h0, c0] = batched ? hx : [hx[0].unsqueeze(1), hx[1].unsqueeze(1)];
      if (!batched && (hx[0].dim() !== 2 || hx[1].dim() !== 2)) throw new RuntimeError(`For unbatched 2-D input, hx and cx should also be 2-D but got (${hx[0].dim()}-D, ${hx[1].dim()}-D) tensors`);
      this.checkHidden(h0, hShape, "hidden[0]");
      this.checkHidden(c0, hShape, "hidden[1]");
    } else {
      if (Array.isArray(hx)) throw new RuntimeError(`${name} expects hx as a tensor`);
      if (!batched && hx.dim() !== 2) throw new RuntimeError(`For unbatched 2-D input, hx should also be 2-D but got ${hx.dim()}-D tensor`);
      h0 = batched ? hx : hx.unsqueeze(1);
      this.checkHidden(h0, hShape, "hidden");
    }
    if (this.batch_first) x = x.transpose(0, 1);
    const hs = unbind(h0, 0), cs = c0 ? unbind(c0, 0) : null;
    const hOut: Tensor[] = [], cOut: Tensor[] = [];
    let layerInput = x;
    for (let layer = 0; layer < this.num_layers; layer++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < dirs; d++) {
        const k = layer * dirs + d;
        const r = runDirection(this.mode, layerInput, { h: hs[k], c: cs ? cs[k] : null }, this.weightsOf(layer, d === 1), d === 1);
        outs.push(r.out);
        hOut.push(r.last.h);
        if (r.last.c) cOut.push(r.last.c);
      }
      layerInput = dirs === 2 ? cat(outs, outs[0].dim() - 1) : outs[0];
      if (this.dropout !== 0 && this.training && layer < this.num_layers - 1) layerInput = dropout(layerInput, this.dropout, true);
    }
    // LSTM transposes out of place (TransposeBackward0), RNN and GRU in place (TransposeBackward1).
    let output = !this.batch_first ? layerInput : isLstm ? layerInput.transpose(0, 1) : transposeInplaceOp([layerInput], { dim0: 0, dim1: 1 });
    let hN = stack(hOut, 0);
    let cN = isLstm ? stack(cOut, 0) : null;
    if (!batched) {
      output = output.squeeze(batchDim);
      hN = hN.squeeze(1);
      if (cN) cN = cN.squeeze(1);
    }
    return [output, hN, cN];
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (!this.bias) s += ", bias=False";
    if (this.batch_first) s += ", batch_first=True";
    if (this.dropout !== 0) s += `, dropout=${pyRepr(this.dropout, true)}`;
    if (this.bidirectional) s += ", bidirectional=True";
    return s;
  }
}

export class RNN extends RNNBase {
  nonlinearity: "tanh" | "relu";
  constructor(input_size: number, hidden_size: number, ...args: Arg[]) {
    const o = parseArgs<RNNOpts>(["num_layers", "nonlinearity", "bias", "batch_first", "dropout", "bidirectional"], args);
    const nl = o.nonlinearity ?? "tanh";
    if (nl !== "tanh" && nl !== "relu") throw new ValueError(`Unknown nonlinearity '${String(nl)}'. Select from 'tanh' or 'relu'.`);
    super(nl === "tanh" ? "RNN_TANH" : "RNN_RELU", input_size, hidden_size, o);
    this.nonlinearity = nl;
  }
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    const [out, h] = this._run(input, hx);
    return [out, h];
  }
}
export class GRU extends RNNBase {
  constructor(input_size: number, hidden_size: number, ...args: Arg[]) {
    super("GRU", input_size, hidden_size, parseArgs<RNNOpts>(["num_layers", "bias", "batch_first", "dropout", "bidirectional"], args));
  }
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    const [out, h] = this._run(input, hx);
    return [out, h];
  }
}
export class LSTM extends RNNBase {
  constructor(input_size: number, hidden_size: number, ...args: Arg[]) {
    super("LSTM", input_size, hidden_size, parseArgs<RNNOpts>(["num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size"], args));
  }
  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]] {
    const [out, h, c] = this._run(input, hx);
    return [out, [h, c as Tensor]];
  }
}

// ---- cells ------------------------------------------------------------------------------------
export interface CellOpts { bias?: boolean; nonlinearity?: "tanh" | "relu"; dtype?: DType; device?: string }

export class RNNCellBase extends Module {
  input_size: number;
  hidden_size: number;
  bias: boolean;
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;
  constructor(input_size: number, hidden_size: number, bias: boolean, numChunks: number, dtype?: DType) {
    super();
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.bias = bias;
    this.weight_ih = new Parameter(empty([numChunks * hidden_size, input_size], { dtype }));
    this.weight_hh = new Parameter(empty([numChunks * hidden_size, hidden_size], { dtype }));
    if (bias) {
      this.bias_ih = new Parameter(empty([numChunks * hidden_size], { dtype }));
      this.bias_hh = new Parameter(empty([numChunks * hidden_size], { dtype }));
    } else {
      this.bias_ih = null;
      this.bias_hh = null;
      this.register_parameter("bias_ih", null);
      this.register_parameter("bias_hh", null);
    }
    this.reset_parameters();
  }
  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1 / Math.sqrt(this.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }
  get _weights(): Weights { return { w_ih: this.weight_ih, w_hh: this.weight_hh, b_ih: this.bias_ih, b_hh: this.bias_hh }; }

  /** Input as (N, in), whether it came unbatched, and the zero state when hx is None. */
  _prepare(input: Tensor): [Tensor, boolean] {
    if (input.dim() !== 1 && input.dim() !== 2) {
      throw new ValueError(`${this._get_name()}: Expected input to be 1-D or 2-D but received ${input.dim()}-D tensor`);
    }
    if (input._shape[input.dim() - 1] !== this.input_size) {
      throw new RuntimeError(`input has inconsistent input_size: got ${input._shape[input.dim() - 1]} expected ${this.input_size}`);
    }
    return input.dim() === 1 ? [input.unsqueeze(0), false] : [input, true];
  }
  _zeros(x: Tensor): Tensor { return zeros([x._shape[0], this.hidden_size], { dtype: x._dtype }); }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (!this.bias) s += ", bias=False";
    const nl = (this as unknown as { nonlinearity?: string }).nonlinearity;
    if (nl !== undefined && nl !== "tanh") s += `, nonlinearity=${nl}`;
    return s;
  }
}

export class RNNCell extends RNNCellBase {
  nonlinearity: "tanh" | "relu";
  constructor(input_size: number, hidden_size: number, ...args: (boolean | string | DType | CellOpts | undefined)[]) {
    const o = parseArgs<CellOpts>(["bias", "nonlinearity", "device", "dtype"], args);
    super(input_size, hidden_size, o.bias ?? true, 1, o.dtype);
    this.nonlinearity = o.nonlinearity ?? "tanh";
  }
  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, batched] = this._prepare(input);
    const h = hx ? (batched ? hx : hx.unsqueeze(0)) : this._zeros(x);
    if (this.nonlinearity !== "tanh" && this.nonlinearity !== "relu") throw new RuntimeError(`Unknown nonlinearity: ${String(this.nonlinearity)}`);
    const out = cellStep(this.nonlinearity === "tanh" ? "RNN_TANH" : "RNN_RELU", linear(x, this.weight_ih, this.bias_ih), { h, c: null }, this._weights).h;
    return batched ? out : out.squeeze(0);
  }
}
export class LSTMCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, ...args: (boolean | string | DType | CellOpts | undefined)[]) {
    const o = parseArgs<CellOpts>(["bias", "device", "dtype"], args);
    super(input_size, hidden_size, o.bias ?? true, 4, o.dtype);
  }
  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    const [x, batched] = this._prepare(input);
    const [h, c] = hx ? (batched ? hx : [hx[0].unsqueeze(0), hx[1].unsqueeze(0)]) : [this._zeros(x), this._zeros(x)];
    const s = cellStep("LSTM", linear(x, this.weight_ih, this.bias_ih), { h, c }, this._weights);
    return batched ? [s.h, s.c as Tensor] : [s.h.squeeze(0), (s.c as Tensor).squeeze(0)];
  }
}
export class GRUCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, ...args: (boolean | string | DType | CellOpts | undefined)[]) {
    const o = parseArgs<CellOpts>(["bias", "device", "dtype"], args);
    super(input_size, hidden_size, o.bias ?? true, 3, o.dtype);
  }
  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, batched] = this._prepare(input);
    const h = hx ? (batched ? hx : hx.unsqueeze(0)) : this._zeros(x);
    const out = cellStep("GRU", linear(x, this.weight_ih, this.bias_ih), { h, c: null }, this._weights).h;
    return batched ? out : out.squeeze(0);
  }
}

keepNames({ RNNBase, RNN, GRU, LSTM, RNNCellBase, RNNCell, LSTMCell, GRUCell });
