// Attention in torch.nn.functional: multi_head_attention_forward as PyTorch 1.13's functional.py
// writes it (packed in-projection, heads folded into the batch, baddbmm with the float mask,
// softmax, dropout, bmm, out-projection), and scaled_dot_product_attention (PyTorch 2.x; not in
// 1.13) as the math reference its documentation gives, composed from differentiable ops.
import { Tensor } from "../tensor";
import { bool } from "../dtype";
import { RuntimeError, NotImplementedError } from "../errors";
import { add, div, mul, logicalNot } from "../ops/elementwise";
import { bmm, matmul } from "../ops/linalg";
import { baddbmm } from "../ops/blas_more";
import { masked_fill } from "../ops/more_misc";
import { softmax } from "../ops/softmax";
import { sum } from "../ops/reduce";
import { chunk, split, transpose } from "../ops/views";
import { ones, zeros } from "../creation";
import { Size } from "../shape";
import { dropout, linear } from "./functional";
import { parseArgs } from "./args";

export interface SdpaOpts { attn_mask?: Tensor | null; dropout_p?: number; is_causal?: boolean; scale?: number | null }
export function scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, ...rest: (Tensor | number | boolean | null | SdpaOpts | undefined)[]): Tensor {
  const o = parseArgs<SdpaOpts>(["attn_mask", "dropout_p", "is_causal", "scale"], rest);
  const L = query._shape[query.dim() - 2], S = key._shape[key.dim() - 2];
  const scale = o.scale ?? 1 / Math.sqrt(query._shape[query.dim() - 1]);
  let bias: Tensor = zeros([L, S], { dtype: query._dtype });
  if (o.is_causal) {
    if (o.attn_mask) throw new RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
    bias = masked_fill(bias, logicalNot(ones([L, S], { dtype: bool }).tril()), -Infinity);
  }
  if (o.attn_mask) {
    bias = o.attn_mask._dtype === bool ? masked_fill(bias, logicalNot(o.attn_mask), -Infinity) : add(o.attn_mask, bias);
  }
  let w = add(mul(matmul(query, transpose(key, -2, -1)), scale), bias);
  w = softmax(w, -1);
  if ((o.dropout_p ?? 0) > 0) w = dropout(w, o.dropout_p, true);
  return matmul(w, value);
}

export interface MhaForwardOpts {
  training?: boolean; key_padding_mask?: Tensor | null; need_weights?: boolean; attn_mask?: Tensor | null;
  use_separate_proj_weight?: boolean; q_proj_weight?: Tensor | null; k_proj_weight?: Tensor | null; v_proj_weight?: Tensor | null;
  average_attn_weights?: boolean;
}

/** functional.py's _in_projection_packed: one linear for self-attention, split weights otherwise. */
function inProjectionPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  const E = q._shape[q.dim() - 1];
  if (k === v) {
    if (q === k) return chunk(linear(q, w, b), 3, -1);
    const [wq, wkv] = split(w, [E, E * 2]);
    const [bq, bkv] = b ? split(b, [E, E * 2]) : [null, null];
    return [linear(q, wq, bq), ...chunk(linear(k, wkv, bkv), 2, -1)];
  }
  const [wq, wk, wv] = chunk(w, 3);
  const [bq, bk, bv] = b ? chunk(b, 3) : [null, null, null];
  return [linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)];
}

/** torch.nn.functional.multi_head_attention_forward (1.13) without add_bias_kv / add_zero_attn. */
export function multi_head_attention_forward(
  query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: number, num_heads: number,
  in_proj_weight: Tensor | null, in_proj_bias: Tensor | null, bias_k: Tensor | null, bias_v: Tensor | null,
  add_zero_attn: boolean, dropout_p: number, out_proj_weight: Tensor, out_proj_bias: Tensor | null, opts: MhaForwardOpts = {},
): [Tensor, Tensor | null] {
  if (bias_k || bias_v || add_zero_attn) throw new NotImplementedError("MultiheadAttention: add_bias_kv and add_zero_attn are not supported by Gradient Inspector");
  const isBatched = query.dim() === 3;
  if (!isBatched && query.dim() !== 2) throw new RuntimeError(`query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
  let q0 = query, k0 = key, v0 = value;
  let kpm = opts.key_padding_mask ?? null;
  let mask = opts.attn_mask ?? null;
  if (!isBatched) {
    q0 = query.unsqueeze(1); k0 = key === query ? q0 : key.unsqueeze(1); v0 = value === key ? k0 : value.unsqueeze(1);
    if (kpm) kpm = kpm.unsqueeze(0);
  }
  const [tgtLen, bsz, embedDim] = q0._shape;
  if (embedDim !== embed_dim_to_check) throw new RuntimeError(`was expecting embedding dimension of ${embed_dim_to_check}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / num_heads);
  if (headDim * num_heads !== embedDim) throw new RuntimeError(`embed_dim ${embedDim} not divisible by num_heads ${num_heads}`);
  let q: Tensor, k: Tensor, v: Tensor;
  if (!opts.use_separate_proj_weight) {
    [q, k, v] = inProjectionPacked(q0, k0, v0, in_proj_weight as Tensor, in_proj_bias);
  } else {
    const [bq, bk, bv] = in_proj_bias ? chunk(in_proj_bias, 3) : [null, null, null];
    q = linear(q0, opts.q_proj_weight as Tensor, bq);
    k = linear(k0, opts.k_proj_weight as Tensor, bk);
    v = linear(v0, opts.v_proj_weight as Tensor, bv);
  }
  let srcLen = k0._shape[0];
  if (mask) {
    if (mask._dtype !== bool && !mask._dtype.isFloatingPoint) throw new RuntimeError(`Only float, byte, and bool types are supported for attn_mask, not ${mask._dtype}`);
    if (mask.dim() === 2) {
      if (mask._shape[0] !== tgtLen || mask._shape[1] !== srcLen) throw new RuntimeError(`The shape of the 2D attn_mask is ${Size.from_(mask._shape)}, but should be (${tgtLen}, ${srcLen}).`);
      mask = mask.unsqueeze(0);
    } else if (mask.dim() === 3) {
      if (mask._shape[0] !== bsz * num_heads || mask._shape[1] !== tgtLen || mask._shape[2] !== srcLen) {
        throw new RuntimeError(`The shape of the 3D attn_mask is ${Size.from_(mask._shape)}, but should be (${bsz * num_heads}, ${tgtLen}, ${srcLen}).`);
      }
    } else throw new RuntimeError(`attn_mask's dimension ${mask.dim()} is not supported`);
  }
  // Heads folded into the batch: (L, N, E) -> (N * heads, L, head_dim).
  q = q.contiguous().view(tgtLen, bsz * num_heads, headDim).transpose(0, 1);
  k = k.contiguous().view(k._shape[0], bsz * num_heads, headDim).transpose(0, 1);
  v = v.contiguous().view(v._shape[0], bsz * num_heads, headDim).transpose(0, 1);
  srcLen = k._shape[1];
  if (kpm) {
    if (kpm._shape[0] !== bsz || kpm._shape[1] !== srcLen) throw new RuntimeError(`expecting key_padding_mask shape of (${bsz}, ${srcLen}), but got ${Size.from_(kpm._shape)}`);
    const folded = kpm.view(bsz, 1, 1, srcLen).expand(-1, num_heads, -1, -1).reshape(bsz * num_heads, 1, srcLen);
    if (!mask) mask = folded;
    else if (mask._dtype === bool) mask = mask.logical_or(folded);
    else mask = masked_fill(mask, folded, -Infinity);
  }
  if (mask && mask._dtype === bool) mask = masked_fill(zeros(mask._shape, { dtype: q._dtype }), mask, -Infinity);
  const p = opts.training ?? true ? dropout_p : 0;
  // functional.py's _scaled_dot_product_attention (1.13).
  const qs = div(q, Math.sqrt(q._shape[2]));
  let attn = mask ? baddbmm(mask, qs, k.transpose(-2, -1)) : bmm(qs, k.transpose(-2, -1));
  attn = softmax(attn, -1);
  if (p > 0) attn = dropout(attn, p);
  let out = bmm(attn, v);
  out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
  out = linear(out, out_proj_weight, out_proj_bias);
  out = out.view(tgtLen, bsz, out._shape[1]);
  if (opts.need_weights ?? true) {
    let w = attn.view(bsz, num_heads, tgtLen, srcLen);
    if (opts.average_attn_weights ?? true) w = div(sum(w, 1), num_heads);
    if (!isBatched) { out = out.squeeze(1); w = w.squeeze(0); }
    return [out, w];
  }
  if (!isBatched) out = out.squeeze(1);
  return [out, null];
}

