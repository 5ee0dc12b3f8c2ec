// The Tensor: a strided view over shared storage plus its autograd metadata. Ops live in
// ops/ and are attached as methods by tensor_methods.ts (declaration merging), so this file
// stays the data structure alone and ops can import it without cycles.
import type { DType, TypedArray } from "./dtype";
import { contiguousStrides, numelOf, Size, wrapDim } from "./shape";
import { RuntimeError, warnOnce } from "./errors";
import type { Node, AccumulateGrad } from "./autograd/node";

let nextStorageSerial = 1;

export class Storage {
  /** Creation order: backward may adopt a gradient whose storage it created itself (autograd/engine.ts). */
  /** @internal */
  readonly _serial = nextStorageSerial++;
  constructor(public data: TypedArray) {}
}

/** Shared by a tensor and its views (and detach()), bumped by every in-place write. */
export class VersionCounter {
  value = 0;
}

export type TensorHook = (grad: Tensor) => Tensor | void | undefined;

let nextTensorId = 1;

export class Tensor {
  /** @internal */
  readonly _id = nextTensorId++;
  /** @internal */
  _storage: Storage;
  /** @internal */
  _shape: number[];
  /** @internal */
  _strides: number[];
  /** @internal */
  _offset: number;
  /** @internal */
  _dtype: DType;
  /** @internal */
  _vc: VersionCounter;
  /** @internal */
  _requiresGrad = false;
  /** @internal */
  _grad: Tensor | null = null;
  /** @internal */
  _gradFn: Node | null = null;
  /** @internal */
  _outputNr = 0;
  /** @internal */
  _retainsGrad = false;
  /** @internal */
  _isParameter = false;
  /** Set when this tensor is a view: the tensor whose storage it views. */
  /** @internal */
  _base: Tensor | null = null;
  /** A leaf's AccumulateGrad node, created on first use and reused (PyTorch caches it too). */
  /** @internal */
  _accumulator: AccumulateGrad | null = null;
  /** Hooks on a leaf run before accumulation; hooks on a non-leaf live on its grad_fn. */
  /** @internal */
  _hooks: Map<number, TensorHook> = new Map();
  /** Module path when this tensor is a registered parameter or buffer (for the graph view). */
  /** @internal */
  _name: string | null = null;

  constructor(storage: Storage, shape: number[], strides: number[], offset: number, dtype: DType, vc?: VersionCounter) {
    this._storage = storage;
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this._dtype = dtype;
    this._vc = vc ?? new VersionCounter();
  }

  /** A fresh contiguous tensor over `data` (taken, not copied). */
  /** @internal */
  static _make(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
    return new Tensor(new Storage(data), shape.slice(), contiguousStrides(shape), 0, dtype);
  }

  get dtype(): DType { return this._dtype; }
  get shape(): Size { return Size.from_(this._shape); }
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return this.shape;
    return this._shape[wrapDim(dim, this._shape.length)];
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[wrapDim(dim, this._shape.length)];
  }
  storage_offset(): number { return this._offset; }
  dim(): number { return this._shape.length; }
  get ndim(): number { return this._shape.length; }
  numel(): number { return numelOf(this._shape); }
  nelement(): number { return this.numel(); }
  element_size(): number { return this._dtype.itemsize; }
  is_floating_point(): boolean { return this._dtype.isFloatingPoint; }
  /** @internal */
  get _version(): number { return this._vc.value; }
  get device(): string { return "cpu"; }
  get is_cuda(): boolean { return false; }

  is_contiguous(): boolean {
    let expected = 1;
    for (let i = this._shape.length - 1; i >= 0; i--) {
      if (this._shape[i] === 1) continue;
      if (this._strides[i] !== expected) return false;
      expected *= this._shape[i];
    }
    return true;
  }

  // ---- autograd metadata ---------------------------------------------------------------
  get grad_fn(): Node | null { return this._gradFn; }
  get is_leaf(): boolean { return this._gradFn === null; }
  get requires_grad(): boolean { return this._requiresGrad || this._gradFn !== null; }
  set requires_grad(v: boolean) { this._setRequiresGrad(v, "only Tensors of floating point and complex dtype can require gradients"); }
  /** @internal */
  _setRequiresGrad(v: boolean, intMessage = "only Tensors of floating point dtype can require gradients"): void {
    if (!this.is_leaf) {
      throw new RuntimeError(
        v
          ? "you can only change requires_grad flags of leaf variables."
          : "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (v && !this._dtype.isFloatingPoint) {
      throw new RuntimeError(intMessage);
    }
    this._requiresGrad = v;
  }
  requires_grad_(v = true): this {
    this._setRequiresGrad(v);
    return this;
  }
  get retains_grad(): boolean { return this._retainsGrad; }
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf) return; // leaves keep their grad anyway
    this._retainsGrad = true;
  }

  get grad(): Tensor | null {
    if (!this.is_leaf && !this._retainsGrad) {
      warnOnce("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at ../build/aten/src/ATen/core/TensorBody.h:480.)",
      );
    }
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (g._dtype !== this._dtype) throw new RuntimeError("assigned grad has data of a different type");
      if (g._shape.length !== this._shape.length || g._shape.some((d, i) => d !== this._shape[i])) {
        throw new RuntimeError("assigned grad has data of a different size");
      }
    }
    this._grad = g;
  }

  /** `.data`: the same storage, detached, with its own version counter (as PyTorch). */
  get data(): Tensor {
    return new Tensor(this._storage, this._shape.slice(), this._strides.slice(), this._offset, this._dtype);
  }
  set data(t: Tensor) {
    this._storage = t._storage;
    this._shape = t._shape.slice();
    this._strides = t._strides.slice();
    this._offset = t._offset;
    this._dtype = t._dtype;
  }

  /** A detached alias sharing storage and version counter. */
  detach(): Tensor {
    return new Tensor(this._storage, this._shape.slice(), this._strides.slice(), this._offset, this._dtype, this._vc);
  }
  detach_(): this {
    if (this._base !== null) throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    this._gradFn = null;
    this._requiresGrad = false;
    return this;
  }

  // ---- element access --------------------------------------------------------------------
  /** Storage offset of the logical row-major element `i`. */
  /** @internal */
  _offsetOf(i: number): number {
    let off = this._offset;
    for (let d = this._shape.length - 1; d >= 0; d--) {
      const n = this._shape[d];
      off += (i % n) * this._strides[d];
      i = Math.floor(i / n);
    }
    return off;
  }
  /** @internal */
  _get(i: number): number { return this._storage.data[this._offsetOf(i)]; }
  /** @internal */
  _values(offset: number, count: number): number[] {
    const end = Math.min(this.numel(), offset + count);
    const out: number[] = [];
    for (let i = Math.max(0, offset); i < end; i++) out.push(this._get(i));
    return out;
  }

  item(): number | boolean {
    if (this.numel() !== 1) {
      throw new RuntimeError("only one element tensors can be converted to Python scalars");
    }
    const v = this._storage.data[this._offset];
    return this._dtype.name === "bool" ? v !== 0 : v;
  }

  tolist(): unknown {
    const isBool = this._dtype.name === "bool";
    const rec = (d: number, off: number): unknown => {
      if (d === this._shape.length) {
        const v = this._storage.data[off];
        return isBool ? v !== 0 : v;
      }
      const out: unknown[] = [];
      for (let i = 0; i < this._shape[d]; i++) out.push(rec(d + 1, off + i * this._strides[d]));
      return out;
    };
    return rec(0, this._offset);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === "number") return Number(this.item());
    return this.toString();
  }
}

/** Tensor, or anything ops accept in its place (scalars, nested arrays). */
export type TensorLike = Tensor | number | boolean;
