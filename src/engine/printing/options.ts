// torch.set_printoptions / PRINT_OPTS, as in PyTorch 1.13's torch/_tensor_str.py.

export interface PrintOptions {
  /** Digits after the decimal point (default 4). */
  precision: number;
  /** Element count above which the tensor is summarised (default 1000; Infinity for profile "full"). */
  threshold: number;
  /** Items kept at each end of a summarised dimension (default 3). */
  edgeitems: number;
  /** Characters per line before a row wraps (default 80). */
  linewidth: number;
  /** Force (true) or forbid (false) scientific notation; null lets the formatter decide. */
  sci_mode: boolean | null;
}

export type PrintProfile = "default" | "short" | "full";

/** The keyword arguments of torch.set_printoptions, spelled as PyTorch spells them. */
export interface SetPrintOptionsArgs extends Partial<PrintOptions> {
  profile?: PrintProfile;
}

const defaults: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null };

const current: PrintOptions = { ...defaults };

/**
 * torch.set_printoptions, called with an options object (`{ precision: 2 }`) or, like Python,
 * positionally (precision, threshold, edgeitems, linewidth, profile, sci_mode).
 * Like PyTorch, sci_mode is reset to null unless given on every call.
 */
export function setPrintOptions(
  first?: SetPrintOptionsArgs | number | null,
  threshold?: number | null,
  edgeitems?: number | null,
  linewidth?: number | null,
  profile?: PrintProfile | null,
  sci_mode?: boolean | null,
): void {
  const o: SetPrintOptionsArgs =
    typeof first === "object" && first !== null
      ? first
      : {
          precision: first ?? undefined,
          threshold: threshold ?? undefined,
          edgeitems: edgeitems ?? undefined,
          linewidth: linewidth ?? undefined,
          profile: profile ?? undefined,
          sci_mode: sci_mode ?? null,
        };
  if (o.profile !== undefined && o.profile !== null) {
    switch (o.profile) {
      case "default":
        Object.assign(current, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
        break;
      case "short":
        Object.assign(current, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
        break;
      case "full":
        Object.assign(current, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
        break;
      // NOTE: PyTorch silently ignores an unknown profile name; so do we.
    }
  }
  if (o.precision !== undefined && o.precision !== null) current.precision = o.precision;
  if (o.threshold !== undefined && o.threshold !== null) current.threshold = o.threshold;
  if (o.edgeitems !== undefined && o.edgeitems !== null) current.edgeitems = o.edgeitems;
  if (o.linewidth !== undefined && o.linewidth !== null) current.linewidth = o.linewidth;
  current.sci_mode = o.sci_mode ?? null;
}

/** A copy of the current options. */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}

/** The live options object, read by the printer (not exported from the package). */
export function printOptions(): Readonly<PrintOptions> {
  return current;
}
