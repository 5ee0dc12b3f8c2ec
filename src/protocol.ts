// The one contract between the runner, the extension host and the webview panel.
// Everything here is plain, JSON-serialisable data: a snapshot crosses a worker-thread
// boundary (structured clone) and the webview boundary (postMessage), so no classes,
// no functions, no Maps. Both `src/extension` and `webview/` import this file.

/** Dtype names as PyTorch prints them without the `torch.` prefix. */
export type DTypeName = "float32" | "float64" | "int64" | "bool";

/** Where a binding happened in the user's file (1-based line, 0-based column, as VS Code's Position + 1 line). */
export interface SourcePos {
  line: number; // 1-based
  column: number; // 0-based
  endLine: number;
  endColumn: number;
}

/** One variable bound to a tensor at one place in the source. */
export interface Binding {
  name: string;
  pos: SourcePos;
  /** How many times this binding site assigned a tensor (loops assign many times; the last value wins). */
  count: number;
  /** Id of the tensor the binding held last. */
  tensorId: number;
  /** Monotonic order of the last assignment, so "the value at this point" can be ordered. */
  seq: number;
}

/** Summary statistics over a tensor's values (NaN/Inf excluded from min/max/mean/std/norm). */
export interface TensorStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  norm: number | null;
  nanCount: number;
  infCount: number;
}

/** A bounded view of a tensor's values: never the whole of a large tensor. */
export interface ValuePreview {
  /** PyTorch's printed text (`str(t)`), summarised with `...` past 1000 elements as PyTorch does. */
  text: string;
  /** First `values.length` elements in row-major order (at most the preview limit). */
  values: number[];
  /** True when `values` holds every element. */
  complete: boolean;
  stats: TensorStats;
}

export interface TensorInfo {
  id: number;
  shape: number[];
  dtype: DTypeName;
  requiresGrad: boolean;
  isLeaf: boolean;
  retainsGrad: boolean;
  /** `grad_fn.name()`, e.g. "MulBackward0"; null for leaves and tensors that do not require grad. */
  gradFn: string | null;
  /** Graph node id of grad_fn (or of the AccumulateGrad node for a leaf requiring grad). */
  nodeId: number | null;
  /** `nn.Parameter` instances print as `Parameter containing:`. */
  isParameter: boolean;
  /** Dotted module path for parameters and module outputs, e.g. "layer1.0.conv1.weight". */
  modulePath: string | null;
  data: ValuePreview;
  grad: (ValuePreview & { shape: number[]; dtype: DTypeName }) | null;
  /** Names bound to this tensor, in binding order. */
  names: string[];
}

export type GraphNodeKind = "function" | "accumulate";

export interface SavedTensorRef {
  /** Name of the saved slot as PyTorch's `_saved_*` attributes call it (e.g. "self", "other", "result"). */
  name: string;
  /** Tensor id of the saved value when it is a recorded tensor, else null. */
  tensorId: number | null;
  shape: number[];
  dtype: DTypeName;
  /** True once backward freed it (retain_graph=False). */
  freed: boolean;
}

export interface GraphNode {
  id: number;
  kind: GraphNodeKind;
  /** "MulBackward0", "AccumulateGrad", ... */
  name: string;
  /** For AccumulateGrad: the leaf tensor's id. For functions: the id of the tensor this node produced, if recorded. */
  tensorId: number | null;
  /** Variable name shown in the graph (leaf names, output names). */
  label: string | null;
  saved: SavedTensorRef[];
  /** Dotted nn.Module path whose forward created this node (for grouping), or null. */
  module: string | null;
}

export interface GraphEdge {
  /** Edge direction follows `next_functions`: from a node to the node it feeds gradients to. */
  from: number;
  to: number;
  /** The input slot index in `next_functions`. */
  index: number;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface RunError {
  /** "RuntimeError", "TypeError", "SyntaxError", "TimeoutError", "Cancelled", ... */
  kind: string;
  message: string;
  /** Position in the user's file when known. */
  pos: SourcePos | null;
  /** Stack mapped to the user's file (engine frames dropped). */
  stack: string;
}

export interface ConsoleLine {
  stream: "stdout" | "stderr";
  text: string;
}

export interface Snapshot {
  /** File the run came from (a URI string in the editor, a path in the CLI). */
  file: string;
  /** Version of the document that ran, so the editor can tell when results are stale. */
  documentVersion: number;
  startedAt: number;
  durationMs: number;
  status: "ok" | "error" | "timeout" | "cancelled";
  tensors: TensorInfo[];
  bindings: Binding[];
  graph: GraphData;
  console: ConsoleLine[];
  error: RunError | null;
  /** The source text that ran, to map bindings onto later edits. */
  source: string;
}

/** A page of a tensor's values, fetched on demand. */
export interface TensorPageRequest {
  tensorId: number;
  which: "data" | "grad";
  /** Row-major element offset and count. */
  offset: number;
  count: number;
}

export interface TensorPage extends TensorPageRequest {
  shape: number[];
  values: number[];
}

// ---------------------------------------------------------------------------------------
// Messages between the extension host and the webview. A mapping type ties each message
// name to its payload, so every postMessage is type-checked on both sides.

export type PanelState =
  | { kind: "empty" }
  | { kind: "running"; file: string; startedAt: number }
  | { kind: "result"; snapshot: Snapshot; stale: boolean }
  | { kind: "error"; snapshot: Snapshot; stale: boolean };

export interface ToWebviewMap {
  state: { state: PanelState };
  selectTensor: { tensorId: number };
  tensorPage: { page: TensorPage };
  theme: { kind: "light" | "dark" | "high-contrast" | "high-contrast-light" };
}

export interface FromWebviewMap {
  ready: Record<never, never>;
  selectTensor: { tensorId: number };
  revealLine: { line: number };
  requestPage: { request: TensorPageRequest };
  stop: Record<never, never>;
  runFile: Record<never, never>;
  exportImage: { format: "svg" | "png"; data: string };
}

export type ToWebview = { [K in keyof ToWebviewMap]: { type: K } & ToWebviewMap[K] }[keyof ToWebviewMap];
export type FromWebview = { [K in keyof FromWebviewMap]: { type: K } & FromWebviewMap[K] }[keyof FromWebviewMap];

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Messages from the webview are untrusted input: validate shape before acting on them. */
export function parseFromWebview(v: unknown): FromWebview | null {
  if (!isObj(v) || typeof v.type !== "string") return null;
  switch (v.type) {
    case "ready":
      return { type: "ready" };
    case "stop":
      return { type: "stop" };
    case "runFile":
      return { type: "runFile" };
    case "selectTensor":
      return isInt(v.tensorId) ? { type: "selectTensor", tensorId: v.tensorId } : null;
    case "revealLine":
      return isInt(v.line) ? { type: "revealLine", line: v.line } : null;
    case "requestPage": {
      const r = v.request;
      if (!isObj(r) || !isInt(r.tensorId) || !isInt(r.offset) || !isInt(r.count)) return null;
      if (r.which !== "data" && r.which !== "grad") return null;
      return { type: "requestPage", request: { tensorId: r.tensorId, which: r.which, offset: r.offset, count: Math.min(r.count, 65536) } };
    }
    case "exportImage":
      if ((v.format !== "svg" && v.format !== "png") || typeof v.data !== "string") return null;
      return { type: "exportImage", format: v.format, data: v.data };
    default:
      return null;
  }
}
