// Tensor printing, byte-for-byte as PyTorch 1.13's torch/_tensor_str.py prints.

import { isFloating, PrintDType } from "./formatter";
import { pyBoolStr, pyFloatRepr, pyIntStr } from "./pyformat";

export { Formatter, isFloating } from "./formatter";
export type { PrintDType } from "./formatter";
export { getPrintOptions, setPrintOptions } from "./options";
export type { PrintOptions, PrintProfile, SetPrintOptionsArgs } from "./options";
export { padStart, pyBoolStr, pyFloatRepr, pyFormatExp, pyFormatFixed, pyIntStr } from "./pyformat";
export { formatDtype, formatShapeTuple, formatSize, formatTensor, tensorDataStr } from "./tensor_str";
export type { PrintSource, PrintSuffixes } from "./tensor_str";

/**
 * How Python prints the value `t.item()` returns: `repr(float)` ("0.1", "1e-05", "27.0"),
 * `str(int)` or `str(bool)`.
 */
export function formatScalar(value: number, dtype: PrintDType): string {
  if (isFloating(dtype)) return pyFloatRepr(value);
  return dtype === "bool" ? pyBoolStr(value) : pyIntStr(value);
}
