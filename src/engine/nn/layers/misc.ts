// Dropout, Flatten and Embedding (weight ~ N(0, 1), padding row zeroed, as PyTorch initialises it).
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { no_grad } from "../../autograd/index";
import { ValueError } from "../../errors";
import { flatten } from "../../ops/views";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import * as F from "../functional";
import { pyRepr } from "./format";

export class Dropout extends Module {
  p: number;
  inplace: boolean;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace = false) {
    super();
    const o = typeof p === "object" ? p : { p, inplace };
    this.p = o.p ?? 0.5;
    this.inplace = o.inplace ?? false;
    if (this.p < 0 || this.p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${this.p}`);
  }
  override forward(input: Tensor): Tensor { return F.dropout(input, this.p, this.training, this.inplace); }
  override extra_repr(): string { return `p=${pyRepr(this.p, true)}, inplace=${pyRepr(this.inplace)}`; }
}

export class Flatten extends Module {
  start_dim: number;
  end_dim: number;
  constructor(start_dim: number | { start_dim?: number; end_dim?: number } = 1, end_dim = -1) {
    super();
    const o = typeof start_dim === "object" ? start_dim : { start_dim, end_dim };
    this.start_dim = o.start_dim ?? 1;
    this.end_dim = o.end_dim ?? -1;
  }
  override forward(input: Tensor): Tensor { return flatten(input, this.start_dim, this.end_dim); }
  override extra_repr(): string { return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`; }
}

export interface EmbeddingOpts { padding_idx?: number | null; max_norm?: number | null; norm_type?: number; scale_grad_by_freq?: boolean; sparse?: boolean; _weight?: Tensor | null; dtype?: DType; device?: string }
export class Embedding extends Module {
  num_embeddings: number;
  embedding_dim: number;
  padding_idx: number | null;
  scale_grad_by_freq: boolean;
  weight: Tensor;
  constructor(num_embeddings: number, embedding_dim: number, padding_idx: number | null | EmbeddingOpts = null) {
    super();
    const o: EmbeddingOpts = typeof padding_idx === "object" && padding_idx !== null ? padding_idx : { padding_idx };
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    let pad = o.padding_idx ?? null;
    if (pad !== null) {
      if (pad >= num_embeddings || pad < -num_embeddings) throw new ValueError("Padding_idx must be within num_embeddings");
      if (pad < 0) pad += num_embeddings;
    }
    this.padding_idx = pad;
    this.scale_grad_by_freq = o.scale_grad_by_freq ?? false;
    if (o._weight) {
      this.weight = new Parameter(o._weight);
    } else {
      this.weight = new Parameter(empty([num_embeddings, embedding_dim], { dtype: o.dtype }));
      this.reset_parameters();
    }
  }
  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx !== null) no_grad(() => this.weight.select(0, this.padding_idx as number).fill_(0));
  }
  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, { padding_idx: this.padding_idx, scale_grad_by_freq: this.scale_grad_by_freq });
  }
  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.scale_grad_by_freq) s += ", scale_grad_by_freq=True";
    return s;
  }
  static from_pretrained(embeddings: Tensor, freeze: boolean | { freeze?: boolean; padding_idx?: number | null } = true): Embedding {
    const o = typeof freeze === "object" ? freeze : { freeze };
    const e = new Embedding(embeddings._shape[0], embeddings._shape[1], { _weight: embeddings, padding_idx: o.padding_idx ?? null });
    e.weight.requires_grad = !(o.freeze ?? true);
    return e;
  }
}

keepNames({ Dropout, Flatten, Embedding });
