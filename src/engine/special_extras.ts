// Small torch.special names that are other ops under SciPy's names (special.expit is sigmoid, ...).
import type { Tensor } from "./tensor";
import { sigmoid, log1p as log1pT, expm1 as expm1T, round as roundE } from "./ops/elementwise";
import { exp2 as exp2T } from "./ops/pointwise_more";
import { log_softmax as logSoftmaxT, softmax as softmaxT } from "./ops/softmax";

export function expit(a: Tensor): Tensor { return sigmoid(a); }
export { xlog1py } from "./ops/more_misc";
export const log1p = log1pT, expm1 = expm1T, exp2_ = exp2T, round = roundE;
export const log_softmax = logSoftmaxT, softmax = softmaxT;
