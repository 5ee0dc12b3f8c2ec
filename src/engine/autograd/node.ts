// grad_fn nodes. A node is plain data a graph viewer can read: its PyTorch name, its edges
// (next_functions), its saved tensors (freed after backward unless retain_graph), and the
// closure that maps output gradients to input gradients.
import type { Tensor, TensorHook } from "../tensor";
import type { DTypeName } from "../../protocol";
import { RuntimeError } from "../errors";

export type Edge = [Node | null, number];

export interface SavedSlot {
  name: string;
  tensor: Tensor | null;
  /** Version of the tensor's counter when saved; a mismatch at unpack means an in-place change. */
  version: number;
  /** Whether the saved tensor is this node's own output (PyTorch words the error differently). */
  isOutput: boolean;
  /** grad_fn that produced the tensor when it was saved, for the in-place error text ("output 0 of X"). */
  producer?: string | null;
  producerNr?: number;
  shape: number[];
  dtype: DTypeName;
  freed: boolean;
}

/** Shape and dtype of each input, so the engine can sum broadcast gradients back and cast them. */
export interface InputMeta {
  shape: number[];
  dtype: DTypeName;
}

export type BackwardFn = (grads: Tensor[], saved: Tensor[]) => (Tensor | null)[];
export type NodeHook = (gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => (Tensor | null)[] | void;

let nextNodeId = 1;
let nextSeq = 0;

/**
 * A node's link to its output tensor. Deliberately not a WeakRef: V8 keeps every WeakRef target
 * alive until the current job ends, so a synchronous training loop (one job) kept every step's
 * whole graph and activations alive (measured: +130 KB per MLP step, never freed until the loop
 * returned). A plain reference forms a cycle with the output's grad_fn, which the GC collects as
 * soon as the graph is unreachable, so memory stays flat across steps.
 */
export class OutputRef {
  constructor(private readonly tensor: Tensor) {}
  deref(): Tensor { return this.tensor; }
}

export class Node {
  /** @internal */
  readonly _id = nextNodeId++;
  /** Creation order: the engine runs ready nodes latest-first, as PyTorch's sequence_nr does. */
  /** @internal */
  readonly _seq = nextSeq++;
  next_functions: Edge[];
  /** @internal */
  _saved: SavedSlot[] = [];
  /** @internal */
  _module: string | null = null;
  /** The (first) tensor this node produced, for the graph view. */
  /** @internal */
  _output: OutputRef | null = null;
  /** @internal */
  _inputs: InputMeta[];
  /** @internal */
  _numOutputs: number;
  /** @internal */
  _outputShapes: number[][];
  /** Hooks registered on output tensors (Tensor.register_hook / retain_grad), by output index. */
  /** @internal */
  _tensorPreHooks: Map<number, TensorHook>[] = [];
  /** @internal */
  _retainGradTensors: (WeakRef<Tensor> | null)[] = [];
  /** @internal */
  _hooks: Map<number, NodeHook> = new Map();

  constructor(
    /** @internal */
    private readonly _name: string,
    next: Edge[],
    inputs: InputMeta[],
    outputShapes: number[][],
    /** @internal */
    readonly _backward: BackwardFn | null,
  ) {
    this.next_functions = next;
    this._inputs = inputs;
    this._numOutputs = outputShapes.length;
    this._outputShapes = outputShapes;
  }

  name(): string { return this._name; }

  /** Saved tensors, checked: freed slots and in-place modified tensors fail as in PyTorch. */
  /** @internal */
  _unpackSaved(): Tensor[] {
    return this._saved.map((s) => {
      if (s.freed || s.tensor === null) {
        throw new RuntimeError(
          "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.",
        );
      }
      const t = s.tensor;
      if (t._vc.value !== s.version) {
        const typeName = { float32: "FloatTensor", float64: "DoubleTensor", int64: "LongTensor", bool: "BoolTensor" }[t._dtype.name];
        const pname = s.producer !== undefined ? s.producer : t._gradFn?.name() ?? null;
        const producer = pname ? `, which is output ${s.producerNr ?? t._outputNr} of ${pname},` : "";
        throw new RuntimeError(
          `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.${typeName} [${t._shape.join(", ")}]]${producer} is at version ${t._vc.value}; expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
        );
      }
      return t;
    });
  }

  /** @internal */
  _freeSaved(): void {
    for (const s of this._saved) {
      s.tensor = null;
      s.freed = true;
    }
  }

  register_hook(fn: NodeHook): { remove(): void } {
    const id = nextNodeId++;
    this._hooks.set(id, fn);
    return { remove: () => { this._hooks.delete(id); } };
  }

  /** A stable pseudo-address, so `print(t.grad_fn)` looks like PyTorch's `<X object at 0x...>`. */
  /** @internal */
  _address(): string { return "0x7f" + (0x3a8d0000 + this._id * 0x48).toString(16).padStart(10, "0"); }
  /** Display name: PyTorch prints AccumulateGrad without its C++ namespace. */
  /** @internal */
  _displayName(): string { return this._name.replace("torch::autograd::", ""); }
  toString(): string { return `<${this._displayName()} object at ${this._address()}>`; }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
  get metadata(): Record<string, unknown> { return {}; }
}

/** The sink node of a leaf that requires grad: adds the incoming gradient into `.grad`. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    super("torch::autograd::AccumulateGrad", [], [], [variable._shape.slice()], null);
  }
}
