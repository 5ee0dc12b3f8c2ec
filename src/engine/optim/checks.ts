// The argument checks torch/optim's constructors share, with their messages.
import { ValueError } from "../errors";

export function checkLr(lr: number): void { if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${lr}`); }
export function checkEps(eps: number): void { if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${eps}`); }
export function checkWeightDecay(wd: number): void { if (!(wd >= 0)) throw new ValueError(`Invalid weight_decay value: ${wd}`); }
export function checkBetas(b: readonly [number, number]): void {
  b.forEach((v, i) => { if (!(v >= 0 && v < 1)) throw new ValueError(`Invalid beta parameter at index ${i}: ${v}`); });
}
