// nn.MultiheadAttention, nn.TransformerEncoderLayer and nn.TransformerEncoder as PyTorch 1.13
// builds them: same submodules in the same order (so the same repr and state_dict keys), same
// initialisation order (out_proj's Linear init, then xavier_uniform_ of the in-projection), and
// TransformerEncoder's deep copies of one layer (identical initial weights, no RNG drawn).
import { Tensor } from "../../tensor";
import { empty, full } from "../../creation";
import type { DType } from "../../dtype";
import { RuntimeError, ValueError } from "../../errors";
import { add } from "../../ops/elementwise";
import { triu } from "../../ops/reshaping";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import { multi_head_attention_forward } from "../functional_attention";
import { parseArgs } from "../args";
import { Linear } from "./linear";
import { LayerNorm } from "./norm";
import { Dropout } from "./misc";
import { ModuleList } from "./container";
import { applyActivation, deepcopyModule, resolveActivation, type Activation } from "./shared_init";

/** What MultiheadAttention names its out_proj (a Linear that quantization leaves alone). */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MhaOpts {
  dropout?: number; bias?: boolean; add_bias_kv?: boolean; add_zero_attn?: boolean; kdim?: number | null; vdim?: number | null;
  batch_first?: boolean; dtype?: DType; device?: string;
}
export interface MhaCallOpts { key_padding_mask?: Tensor | null; need_weights?: boolean; attn_mask?: Tensor | null; average_attn_weights?: boolean }

export class MultiheadAttention extends Module {
  embed_dim: number;
  kdim: number;
  vdim: number;
  _qkv_same_embed_dim: boolean;
  num_heads: number;
  dropout: number;
  batch_first: boolean;
  head_dim: number;
  in_proj_weight: Tensor | null;
  q_proj_weight: Tensor | null;
  k_proj_weight: Tensor | null;
  v_proj_weight: Tensor | null;
  in_proj_bias: Tensor | null;
  out_proj: Linear;
  bias_k: Tensor | null = null;
  bias_v: Tensor | null = null;
  add_zero_attn: boolean;

  constructor(embed_dim: number, num_heads: number, ...args: (number | boolean | null | DType | string | MhaOpts | undefined)[]) {
    super();
    const o = parseArgs<MhaOpts>(["dropout", "bias", "add_bias_kv", "add_zero_attn", "kdim", "vdim", "batch_first", "device", "dtype"], args);
    if (o.add_bias_kv || o.add_zero_attn) throw new ValueError("MultiheadAttention: add_bias_kv and add_zero_attn are not supported by Gradient Inspector");
    this.embed_dim = embed_dim;
    this.kdim = o.kdim ?? embed_dim;
    this.vdim = o.vdim ?? embed_dim;
    this._qkv_same_embed_dim = this.kdim === embed_dim && this.vdim === embed_dim;
    this.num_heads = num_heads;
    this.dropout = o.dropout ?? 0;
    this.batch_first = o.batch_first ?? false;
    this.head_dim = Math.floor(embed_dim / num_heads);
    this.add_zero_attn = false;
    if (this.head_dim * num_heads !== embed_dim) throw new RuntimeError("embed_dim must be divisible by num_heads");
    const dtype = o.dtype;
    if (!this._qkv_same_embed_dim) {
      this.q_proj_weight = new Parameter(empty([embed_dim, embed_dim], { dtype }));
      this.k_proj_weight = new Parameter(empty([embed_dim, this.kdim], { dtype }));
      this.v_proj_weight = new Parameter(empty([embed_dim, this.vdim], { dtype }));
      this.in_proj_weight = null;
      this.register_parameter("in_proj_weight", null);
    } else {
      this.in_proj_weight = new Parameter(empty([3 * embed_dim, embed_dim], { dtype }));
      this.q_proj_weight = null; this.k_proj_weight = null; this.v_proj_weight = null;
      this.register_parameter("q_proj_weight", null);
      this.register_parameter("k_proj_weight", null);
      this.register_parameter("v_proj_weight", null);
    }
    if (o.bias ?? true) this.in_proj_bias = new Parameter(empty([3 * embed_dim], { dtype }));
    else { this.in_proj_bias = null; this.register_parameter("in_proj_bias", null); }
    this.out_proj = new NonDynamicallyQuantizableLinear(embed_dim, embed_dim, { bias: o.bias ?? true, dtype });
    this._reset_parameters();
  }

  _reset_parameters(): void {
    if (this._qkv_same_embed_dim) init.xavier_uniform_(this.in_proj_weight as Tensor);
    else {
      init.xavier_uniform_(this.q_proj_weight as Tensor);
      init.xavier_uniform_(this.k_proj_weight as Tensor);
      init.xavier_uniform_(this.v_proj_weight as Tensor);
    }
    if (this.in_proj_bias) {
      init.constant_(this.in_proj_bias, 0);
      if (this.out_proj.bias) init.constant_(this.out_proj.bias, 0);
    }
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, ...args: (Tensor | boolean | null | MhaCallOpts | undefined)[]): [Tensor, Tensor | null] {
    const o = parseArgs<MhaCallOpts>(["key_padding_mask", "need_weights", "attn_mask", "average_attn_weights"], args);
    const batched = query.dim() === 3;
    let q = query, k = key, v = value;
    if (this.batch_first && batched) {
      // Keep the identities (self-attention is detected by `query is key`).
      if (key === value) {
        if (query === key) { q = k = v = query.transpose(1, 0); }
        else { q = query.transpose(1, 0); k = v = key.transpose(1, 0); }
      } else { q = query.transpose(1, 0); k = key.transpose(1, 0); v = value.transpose(1, 0); }
    }
    const [out, w] = multi_head_attention_forward(q, k, v, this.embed_dim, this.num_heads, this.in_proj_weight, this.in_proj_bias,
      this.bias_k, this.bias_v, this.add_zero_attn, this.dropout, this.out_proj.weight, this.out_proj.bias, {
        training: this.training, key_padding_mask: o.key_padding_mask ?? null, need_weights: o.need_weights ?? true, attn_mask: o.attn_mask ?? null,
        use_separate_proj_weight: !this._qkv_same_embed_dim, q_proj_weight: this.q_proj_weight, k_proj_weight: this.k_proj_weight,
        v_proj_weight: this.v_proj_weight, average_attn_weights: o.average_attn_weights ?? true,
      });
    return [this.batch_first && batched ? out.transpose(1, 0) : out, w];
  }
}

export interface EncoderLayerOpts {
  dim_feedforward?: number; dropout?: number; activation?: Activation; layer_norm_eps?: number; batch_first?: boolean;
  norm_first?: boolean; dtype?: DType; device?: string;
}

export class TransformerEncoderLayer extends Module {
  self_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm_first: boolean;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  activation: ((x: Tensor) => Tensor) | Module;
  _args: [number, number, Partial<EncoderLayerOpts>];

  constructor(d_model: number, nhead: number, ...args: (number | string | boolean | DType | Module | ((x: Tensor) => Tensor) | EncoderLayerOpts | undefined)[]) {
    super();
    const o = parseArgs<EncoderLayerOpts>(["dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first", "norm_first", "device", "dtype"], args);
    this._args = [d_model, nhead, o];
    const ff = o.dim_feedforward ?? 2048, p = o.dropout ?? 0.1, eps = o.layer_norm_eps ?? 1e-5, dtype = o.dtype;
    this.self_attn = new MultiheadAttention(d_model, nhead, { dropout: p, batch_first: o.batch_first ?? false, dtype });
    this.linear1 = new Linear(d_model, ff, { dtype });
    this.dropout = new Dropout(p);
    this.linear2 = new Linear(ff, d_model, { dtype });
    this.norm_first = o.norm_first ?? false;
    this.norm1 = new LayerNorm(d_model, { eps });
    this.norm2 = new LayerNorm(d_model, { eps });
    this.dropout1 = new Dropout(p);
    this.dropout2 = new Dropout(p);
    this.activation = resolveActivation(o.activation ?? "relu");
  }

  private saBlock(x: Tensor, mask: Tensor | null, kpm: Tensor | null): Tensor {
    return this.dropout1.forward(this.self_attn.forward(x, x, x, { attn_mask: mask, key_padding_mask: kpm, need_weights: false })[0]);
  }
  private ffBlock(x: Tensor): Tensor {
    return this.dropout2.forward(this.linear2.forward(this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x)))));
  }

  override forward(src: Tensor, ...args: (Tensor | null | { src_mask?: Tensor | null; src_key_padding_mask?: Tensor | null } | undefined)[]): Tensor {
    const o = parseArgs<{ src_mask: Tensor | null; src_key_padding_mask: Tensor | null }>(["src_mask", "src_key_padding_mask"], args);
    const mask = o.src_mask ?? null, kpm = o.src_key_padding_mask ?? null;
    let x = src;
    if (this.norm_first) {
      x = add(x, this.saBlock(this.norm1.forward(x), mask, kpm));
      x = add(x, this.ffBlock(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(add(x, this.saBlock(x, mask, kpm)));
      x = this.norm2.forward(add(x, this.ffBlock(x)));
    }
    return x;
  }

  /** copy.deepcopy: a new layer with the same options and values; the generator is left untouched. */
  _deepcopy(): TransformerEncoderLayer {
    const [d, h, o] = this._args;
    return deepcopyModule(this, () => new TransformerEncoderLayer(d, h, o as EncoderLayerOpts));
  }
}

export class TransformerEncoder extends Module {
  layers: ModuleList;
  num_layers: number;
  norm: Module | null;
  constructor(encoder_layer: TransformerEncoderLayer, num_layers: number, norm: Module | null | { norm?: Module | null; enable_nested_tensor?: boolean } = null) {
    super();
    const n = norm instanceof Module || norm === null ? norm : norm.norm ?? null;
    this.layers = new ModuleList(Array.from({ length: num_layers }, () => encoder_layer._deepcopy()));
    this.num_layers = num_layers;
    this.norm = n;
  }
  override forward(src: Tensor, ...args: (Tensor | null | { mask?: Tensor | null; src_key_padding_mask?: Tensor | null } | undefined)[]): Tensor {
    const o = parseArgs<{ mask: Tensor | null; src_key_padding_mask: Tensor | null }>(["mask", "src_key_padding_mask"], args);
    let out = src;
    for (const layer of this.layers.children()) {
      out = (layer as TransformerEncoderLayer).forward(out, { src_mask: o.mask ?? null, src_key_padding_mask: o.src_key_padding_mask ?? null });
    }
    return this.norm ? (this.norm.forward(out) as Tensor) : out;
  }
}

export interface DecoderMasks {
  tgt_mask?: Tensor | null; memory_mask?: Tensor | null; tgt_key_padding_mask?: Tensor | null; memory_key_padding_mask?: Tensor | null;
}
const MASK_NAMES = ["tgt_mask", "memory_mask", "tgt_key_padding_mask", "memory_key_padding_mask"] as const;

export class TransformerDecoderLayer extends Module {
  self_attn: MultiheadAttention;
  multihead_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm_first: boolean;
  norm1: LayerNorm;
  norm2: LayerNorm;
  norm3: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  dropout3: Dropout;
  activation: ((x: Tensor) => Tensor) | Module;
  _args: [number, number, Partial<EncoderLayerOpts>];

  constructor(d_model: number, nhead: number, ...args: (number | string | boolean | DType | Module | ((x: Tensor) => Tensor) | EncoderLayerOpts | undefined)[]) {
    super();
    const o = parseArgs<EncoderLayerOpts>(["dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first", "norm_first", "device", "dtype"], args);
    this._args = [d_model, nhead, o];
    const ff = o.dim_feedforward ?? 2048, p = o.dropout ?? 0.1, eps = o.layer_norm_eps ?? 1e-5, dtype = o.dtype;
    this.self_attn = new MultiheadAttention(d_model, nhead, { dropout: p, batch_first: o.batch_first ?? false, dtype });
    this.multihead_attn = new MultiheadAttention(d_model, nhead, { dropout: p, batch_first: o.batch_first ?? false, dtype });
    this.linear1 = new Linear(d_model, ff, { dtype });
    this.dropout = new Dropout(p);
    this.linear2 = new Linear(ff, d_model, { dtype });
    this.norm_first = o.norm_first ?? false;
    this.norm1 = new LayerNorm(d_model, { eps });
    this.norm2 = new LayerNorm(d_model, { eps });
    this.norm3 = new LayerNorm(d_model, { eps });
    this.dropout1 = new Dropout(p);
    this.dropout2 = new Dropout(p);
    this.dropout3 = new Dropout(p);
    this.activation = resolveActivation(o.activation ?? "relu");
  }
  override forward(tgt: Tensor, memory: Tensor, ...args: (Tensor | null | DecoderMasks | undefined)[]): Tensor {
    const m = parseArgs<DecoderMasks>(MASK_NAMES, args);
    const sa = (x: Tensor) => this.dropout1.forward(this.self_attn.forward(x, x, x, { attn_mask: m.tgt_mask ?? null, key_padding_mask: m.tgt_key_padding_mask ?? null, need_weights: false })[0]);
    const mha = (x: Tensor) => this.dropout2.forward(this.multihead_attn.forward(x, memory, memory, { attn_mask: m.memory_mask ?? null, key_padding_mask: m.memory_key_padding_mask ?? null, need_weights: false })[0]);
    const ffb = (x: Tensor) => this.dropout3.forward(this.linear2.forward(this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x)))));
    let x = tgt;
    if (this.norm_first) {
      x = add(x, sa(this.norm1.forward(x)));
      x = add(x, mha(this.norm2.forward(x)));
      x = add(x, ffb(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(add(x, sa(x)));
      x = this.norm2.forward(add(x, mha(x)));
      x = this.norm3.forward(add(x, ffb(x)));
    }
    return x;
  }
  /** copy.deepcopy, as TransformerEncoderLayer._deepcopy. */
  _deepcopy(): TransformerDecoderLayer {
    const [d, h, o] = this._args;
    return deepcopyModule(this, () => new TransformerDecoderLayer(d, h, o as EncoderLayerOpts));
  }
}

export class TransformerDecoder extends Module {
  layers: ModuleList;
  num_layers: number;
  norm: Module | null;
  constructor(decoder_layer: TransformerDecoderLayer, num_layers: number, norm: Module | null | { norm?: Module | null } = null) {
    super();
    const n = norm instanceof Module || norm === null ? norm : norm.norm ?? null;
    this.layers = new ModuleList(Array.from({ length: num_layers }, () => decoder_layer._deepcopy()));
    this.num_layers = num_layers;
    this.norm = n;
  }
  override forward(tgt: Tensor, memory: Tensor, ...args: (Tensor | null | DecoderMasks | undefined)[]): Tensor {
    const m = parseArgs<DecoderMasks>(MASK_NAMES, args);
    let out = tgt;
    for (const layer of this.layers.children()) out = (layer as TransformerDecoderLayer).forward(out, memory, m);
    return this.norm ? (this.norm.forward(out) as Tensor) : out;
  }
}

export interface TransformerOpts extends EncoderLayerOpts { d_model?: number; nhead?: number; num_encoder_layers?: number; num_decoder_layers?: number }
export interface TransformerMasks extends DecoderMasks { src_mask?: Tensor | null; src_key_padding_mask?: Tensor | null }

export class Transformer extends Module {
  encoder: TransformerEncoder;
  decoder: TransformerDecoder;
  d_model: number;
  nhead: number;
  batch_first: boolean;
  constructor(...args: (number | string | boolean | DType | Module | ((x: Tensor) => Tensor) | TransformerOpts | undefined)[]) {
    super();
    const o = parseArgs<TransformerOpts>(["d_model", "nhead", "num_encoder_layers", "num_decoder_layers", "dim_feedforward", "dropout", "activation"], args);
    const d = o.d_model ?? 512, h = o.nhead ?? 8, eps = o.layer_norm_eps ?? 1e-5;
    const layerOpts: EncoderLayerOpts = {
      dim_feedforward: o.dim_feedforward ?? 2048, dropout: o.dropout ?? 0.1, activation: o.activation ?? "relu", layer_norm_eps: eps,
      batch_first: o.batch_first ?? false, norm_first: o.norm_first ?? false, dtype: o.dtype,
    };
    this.encoder = new TransformerEncoder(new TransformerEncoderLayer(d, h, layerOpts), o.num_encoder_layers ?? 6, new LayerNorm(d, { eps }));
    this.decoder = new TransformerDecoder(new TransformerDecoderLayer(d, h, layerOpts), o.num_decoder_layers ?? 6, new LayerNorm(d, { eps }));
    this._reset_parameters();
    this.d_model = d;
    this.nhead = h;
    this.batch_first = o.batch_first ?? false;
  }
  _reset_parameters(): void {
    for (const p of this.parameters()) if (p.dim() > 1) init.xavier_uniform_(p);
  }
  override forward(src: Tensor, tgt: Tensor, ...args: (Tensor | null | TransformerMasks | undefined)[]): Tensor {
    const m = parseArgs<TransformerMasks>(["src_mask", "tgt_mask", "memory_mask", "src_key_padding_mask", "tgt_key_padding_mask", "memory_key_padding_mask"], args);
    const batched = src.dim() === 3;
    if (!this.batch_first && src._shape[1] !== tgt._shape[1] && batched) throw new RuntimeError("the batch number of src and tgt must be equal");
    if (this.batch_first && src._shape[0] !== tgt._shape[0] && batched) throw new RuntimeError("the batch number of src and tgt must be equal");
    if (src._shape[src.dim() - 1] !== this.d_model || tgt._shape[tgt.dim() - 1] !== this.d_model) {
      throw new RuntimeError("the feature number of src and tgt must be equal to d_model");
    }
    const memory = this.encoder.forward(src, { mask: m.src_mask ?? null, src_key_padding_mask: m.src_key_padding_mask ?? null });
    return this.decoder.forward(tgt, memory, {
      tgt_mask: m.tgt_mask ?? null, memory_mask: m.memory_mask ?? null,
      tgt_key_padding_mask: m.tgt_key_padding_mask ?? null, memory_key_padding_mask: m.memory_key_padding_mask ?? null,
    });
  }
  /** A causal mask: -inf above the diagonal, 0 elsewhere. */
  static generate_square_subsequent_mask(sz: number): Tensor {
    return triu(full([sz, sz], -Infinity), 1);
  }
}

keepNames({
  NonDynamicallyQuantizableLinear, MultiheadAttention, TransformerEncoderLayer, TransformerEncoder, TransformerDecoderLayer,
  TransformerDecoder, Transformer,
});
