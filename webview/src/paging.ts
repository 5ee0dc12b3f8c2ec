// Which values of a tensor the table and heatmaps show, and where they come from. A large
// tensor never crosses the webview boundary whole: a window is a block of whole rows of one
// 2-D slice, fetched with `requestPage` unless the snapshot's preview already holds every value.
import type { TensorPage, TensorPageRequest, ValuePreview } from "../../src/protocol";
import { numel } from "./format";

/** Most elements asked for in one page (the extension caps requests at 65,536). */
export const PAGE_ELEMENTS = 65536;
export const MAX_PAGE_ROWS = 64;
export const TABLE_COLS = 40;

export interface Geometry {
  /** Leading dims picked by the slice picker (all but the last two). */
  lead: number[];
  rows: number;
  cols: number;
}

/** 0-D: 1×1; 1-D: a column; 2-D: itself; N-D: the trailing 2-D slices. */
export function geometry(shape: readonly number[]): Geometry {
  if (shape.length === 0) return { lead: [], rows: 1, cols: 1 };
  if (shape.length === 1) return { lead: [], rows: shape[0], cols: 1 };
  return { lead: shape.slice(0, -2), rows: shape[shape.length - 2], cols: shape[shape.length - 1] };
}

export function rowsPerPage(g: Geometry): number {
  return Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor(PAGE_ELEMENTS / Math.max(1, g.cols))));
}

export interface Window {
  slice: number[];
  rowPage: number;
  colPage: number;
}

/** Element offset and count (row-major) of the rows a window shows. */
export function windowRange(shape: readonly number[], w: Window): { offset: number; count: number; row0: number; rows: number } {
  const g = geometry(shape);
  const per = rowsPerPage(g);
  const pages = Math.max(1, Math.ceil(g.rows / per));
  const page = Math.min(Math.max(0, w.rowPage), pages - 1);
  let sliceOffset = 0;
  let stride = g.rows * g.cols;
  for (let k = g.lead.length - 1; k >= 0; k--) {
    sliceOffset += Math.min(Math.max(0, w.slice[k] ?? 0), g.lead[k] - 1) * stride;
    stride *= g.lead[k];
  }
  const row0 = page * per;
  const rows = Math.min(per, g.rows - row0);
  return { offset: sliceOffset + row0 * g.cols, count: Math.max(0, rows * g.cols), row0, rows: Math.max(0, rows) };
}

type Resolver = (values: number[]) => void;

/** Fetches pages of one tensor's data or grad; answers from the preview when it is complete. */
export class PageSource {
  private readonly cache = new Map<string, number[]>();
  private readonly waiting = new Map<string, Resolver[]>();

  constructor(
    private readonly tensorId: number,
    private readonly request: (r: TensorPageRequest) => void,
  ) {}

  get(which: "data" | "grad", preview: ValuePreview, shape: readonly number[], offset: number, wanted: number): Promise<number[]> {
    const count = Math.max(0, Math.min(wanted, PAGE_ELEMENTS, numel(shape) - offset));
    if (preview.complete || offset + count <= preview.values.length) {
      return Promise.resolve(preview.values.slice(offset, offset + count));
    }
    const key = `${which}:${offset}:${count}`;
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => {
      const list = this.waiting.get(key);
      if (list) list.push(resolve);
      else {
        this.waiting.set(key, [resolve]);
        this.request({ tensorId: this.tensorId, which, offset, count });
      }
    });
  }

  /** A `tensorPage` message arrived; true when it answered one of ours. */
  receive(page: TensorPage): boolean {
    if (page.tensorId !== this.tensorId) return false;
    const key = `${page.which}:${page.offset}:${page.count}`;
    this.cache.set(key, page.values);
    const list = this.waiting.get(key);
    this.waiting.delete(key);
    list?.forEach((r) => r(page.values));
    return !!list;
  }

  pending(): number {
    return this.waiting.size;
  }
}
