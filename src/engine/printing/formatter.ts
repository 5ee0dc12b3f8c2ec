// Port of PyTorch 1.13's `_Formatter`: one formatter sees every value that will be printed
// (the summarised values for big tensors), picks int / fixed / scientific mode and a common
// width, and then formats each element right-aligned to that width.

import { PrintOptions } from "./options";
import { padStart, pyBoolStr, pyFormatExp, pyFormatFixed, pyIntStr } from "./pyformat";

export type PrintDType = "float32" | "float64" | "int64" | "bool";

export function isFloating(dtype: PrintDType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** `"{}".format(value)` for a non-floating element. */
function plainStr(value: number, dtype: PrintDType): string {
  return dtype === "bool" ? pyBoolStr(value) : pyIntStr(value);
}

export class Formatter {
  private readonly floating: boolean;
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  /** `values` are the elements the formatter inspects (doubles; float32 values widened exactly). */
  constructor(
    private readonly dtype: PrintDType,
    values: Iterable<number>,
    private readonly opts: Readonly<PrintOptions>,
  ) {
    this.floating = isFloating(dtype);
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, plainStr(v, dtype).length);
      // NOTE: PyTorch applies sci_mode after this loop; it has no effect on non-floating dtypes.
      if (opts.sci_mode !== null) this.sciMode = opts.sci_mode;
      return;
    }
    const finite: number[] = [];
    for (const v of values) if (Number.isFinite(v) && v !== 0) finite.push(v);
    // NOTE: PyTorch returns before applying PRINT_OPTS.sci_mode when there is no nonzero finite value.
    if (finite.length === 0) return;

    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
    }
    for (const v of finite) {
      if (v !== Math.ceil(v)) {
        this.intMode = false;
        break;
      }
    }
    const p = opts.precision;
    if (this.intMode) {
      // Integers in a float tensor print as "1."; the +1 is room for that dot.
      if (max / min > 1000.0 || max > 1.0e8) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFormatExp(v, p).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFormatFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
      this.sciMode = true;
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFormatExp(v, p).length);
    } else {
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFormatFixed(v, p).length);
    }
    if (opts.sci_mode !== null) this.sciMode = opts.sci_mode;
  }

  width(): number {
    return this.maxWidth;
  }

  format(value: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) {
        ret = pyFormatExp(value, this.opts.precision);
      } else if (this.intMode) {
        ret = pyFormatFixed(value, 0);
        if (Number.isFinite(value)) ret += ".";
      } else {
        ret = pyFormatFixed(value, this.opts.precision);
      }
    } else {
      ret = plainStr(value, this.dtype);
    }
    return padStart(ret, this.maxWidth);
  }
}
