// Pretrained weights for torchvision.models. Nothing can be downloaded here, so `weights` (or
// `pretrained`) accepts a local file in our state-dict format; asking for PyTorch's hub weights
// without a file prints a clear warning to stderr and keeps the random initialisation.
//
// File format (JSON, written by test/vision/export_state_dict.py from a PyTorch model):
//   { "format": "gradient-inspector-state-dict", "version": 1,
//     "tensors": { "<dotted name>": { "dtype": "float32" | "float64" | "int64",
//                                     "shape": [..], "data": "<base64 of little-endian values>" } } }
// float32 values are 4 bytes each, float64 and int64 8 bytes each (int64 as two's complement).
import * as fs from "node:fs";
import { Tensor } from "../tensor";
import { float32, float64, int64, DType } from "../dtype";
import { RuntimeError, ValueError } from "../errors";
import type { Module, StateDict } from "../nn/module";

export const STATE_DICT_FORMAT = "gradient-inspector-state-dict";

interface FileTensor { dtype: "float32" | "float64" | "int64"; shape: number[]; data: string }
interface StateDictFile { format: string; version: number; tensors: Record<string, FileTensor> }

function decode(t: FileTensor, name: string): Tensor {
  const bytes = Buffer.from(t.data, "base64");
  const n = t.shape.reduce((a, b) => a * b, 1);
  const dt: DType = t.dtype === "float32" ? float32 : t.dtype === "float64" ? float64 : t.dtype === "int64" ? int64 : (() => { throw new ValueError(`${name}: unsupported dtype ${String(t.dtype)}`); })();
  const width = t.dtype === "float32" ? 4 : 8;
  if (bytes.length !== n * width) throw new ValueError(`${name}: expected ${n * width} bytes of data for shape [${t.shape.join(", ")}], got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = dt.alloc(n);
  for (let i = 0; i < n; i++) {
    out[i] = t.dtype === "float32" ? view.getFloat32(4 * i, true) : t.dtype === "float64" ? view.getFloat64(8 * i, true) : Number(view.getBigInt64(8 * i, true));
  }
  return Tensor._make(out, t.shape, dt);
}

/** Read a state dict written in our format (see the header of this file). */
export function loadStateDictFile(path: string): StateDict {
  let parsed: StateDictFile;
  try {
    parsed = JSON.parse(fs.readFileSync(path, "utf8")) as StateDictFile;
  } catch (e) {
    throw new RuntimeError(`could not read weights from '${path}': ${(e as Error).message}`);
  }
  if (parsed.format !== STATE_DICT_FORMAT || parsed.version !== 1) {
    throw new ValueError(`'${path}' is not a ${STATE_DICT_FORMAT} file (version 1); export one with test/vision/export_state_dict.py`);
  }
  const out: StateDict = {};
  for (const [k, v] of Object.entries(parsed.tensors)) out[k] = decode(v, k);
  return out;
}

/** Write a module's state dict in our format (the inverse of loadStateDictFile). */
export function saveStateDictFile(module: Module, path: string): void {
  const tensors: Record<string, FileTensor> = {};
  for (const [k, t] of Object.entries(module.state_dict())) {
    const name = t._dtype.name;
    if (name !== "float32" && name !== "float64" && name !== "int64") continue;
    const n = t.numel(), width = name === "float32" ? 4 : 8;
    const buf = Buffer.alloc(n * width);
    const vals = t._values(0, n);
    vals.forEach((v, i) => {
      if (name === "float32") buf.writeFloatLE(v, 4 * i);
      else if (name === "float64") buf.writeDoubleLE(v, 8 * i);
      else buf.writeBigInt64LE(BigInt(v), 8 * i);
    });
    tensors[k] = { dtype: name, shape: t._shape.slice(), data: buf.toString("base64") };
  }
  fs.writeFileSync(path, JSON.stringify({ format: STATE_DICT_FORMAT, version: 1, tensors }));
}

export interface WeightsOpts {
  /** A local file path, or a torchvision weights name ("DEFAULT", "IMAGENET1K_V1", ...), or null. */
  weights?: string | null;
  /** Deprecated torchvision flag: true asks for the default pretrained weights. */
  pretrained?: boolean | string;
  progress?: boolean;
}

/** Apply `weights`/`pretrained`: load a local file, or warn that hub weights cannot be fetched. */
export function applyWeights(model: Module, arch: string, o: WeightsOpts): void {
  const w = typeof o.pretrained === "string" ? o.pretrained : o.weights ?? (o.pretrained ? "DEFAULT" : null);
  if (w === null || w === undefined) return;
  if (fs.existsSync(w)) {
    model.load_state_dict(loadStateDictFile(w));
    return;
  }
  const looksLikePath = /[/\\]|\.json$/i.test(w);
  if (looksLikePath) throw new RuntimeError(`weights file '${w}' does not exist`);
  process.stderr.write(
    `UserWarning: torchvision.models.${arch}: pretrained weights '${w}' cannot be downloaded in Gradient Inspector; ` +
    `the model keeps its random initialisation. To use trained weights, export them with test/vision/export_state_dict.py ` +
    `and pass the file: ${arch}({ weights: "path/to/${arch}.json" }).\n`,
  );
}
