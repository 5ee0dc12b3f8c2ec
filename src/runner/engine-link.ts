// The one place the worker touches the engine: the module objects user code gets for "torch" and
// "torchvision", and the two questions the hooks ask (is this a tensor? make a float literal).
import * as torch from "../engine";
import * as torchvision from "../engine/torchvision";
import { setWarningLocator } from "../engine/errors";
import type { EngineTensor } from "./engine-types";

/**
 * What `require("torch")` returns in the user's module. TypeScript's CommonJS output reads
 * `import torch from "torch"` as `require("torch").default`, so `default` is the module itself.
 */
function asUserModule(ns: object): Record<string, unknown> {
  return { ...ns, default: ns, __esModule: true };
}

export const userModules: ReadonlyMap<string, Record<string, unknown>> = new Map([
  ["torch", asUserModule(torch)],
  ["torchvision", asUserModule(torchvision)],
]);

export function isTensor(v: unknown): v is EngineTensor {
  return v instanceof torch.Tensor;
}

export function floatLiteral(v: number): unknown {
  return torch._floatLiteral(v);
}

/**
 * Python prefixes a warning with the user's `file:line`; the engine asks us where the user's code
 * is (the first frame of the evaluated module, mapped to the TypeScript source).
 */
export function installWarningLocator(locate: (stack: string) => string | null): void {
  setWarningLocator(() => locate(new Error().stack ?? ""));
}
