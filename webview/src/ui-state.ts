// UI state that survives a reload of the webview (VS Code's getState/setState): small and
// plain, never the snapshot itself (the extension sends that again after `ready`).

export type SortKey = "order" | "name" | "shape" | "dtype" | "requiresGrad" | "isLeaf" | "gradFn" | "grad";

export interface UiState {
  /** Which run the state belongs to (file + start time): a new run keeps filters but not zoom. */
  runKey: string | null;
  selectedTensor: number | null;
  /** Name of the selected tensor, to select it again after the next run. */
  selectedName: string | null;
  filter: string;
  sort: SortKey;
  sortDesc: boolean;
  /** Graph transform: translate then scale. */
  zoom: { x: number; y: number; k: number } | null;
  /** Module groups the user folded or unfolded, relative to the default. */
  collapsed: string[] | null;
  showSaved: boolean;
  detailsTab: number;
  graphSearch: string;
}

export const defaultUiState = (): UiState => ({
  runKey: null,
  selectedTensor: null,
  selectedName: null,
  filter: "",
  sort: "order",
  sortDesc: false,
  zoom: null,
  collapsed: null,
  showSaved: false,
  detailsTab: 0,
  graphSearch: "",
});

const SORTS: readonly SortKey[] = ["order", "name", "shape", "dtype", "requiresGrad", "isLeaf", "gradFn", "grad"];

/** State comes back from storage: check every field rather than trusting it. */
export function restoreUiState(v: unknown): UiState {
  const d = defaultUiState();
  if (typeof v !== "object" || v === null) return d;
  const o = v as Record<string, unknown>;
  const num = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
  const z = o.zoom as Record<string, unknown> | null | undefined;
  return {
    runKey: typeof o.runKey === "string" ? o.runKey : null,
    selectedTensor: num(o.selectedTensor) ? o.selectedTensor : null,
    selectedName: typeof o.selectedName === "string" ? o.selectedName : null,
    filter: typeof o.filter === "string" ? o.filter : "",
    sort: SORTS.includes(o.sort as SortKey) ? (o.sort as SortKey) : d.sort,
    sortDesc: o.sortDesc === true,
    zoom: z && num(z.x) && num(z.y) && num(z.k) && z.k > 0 ? { x: z.x, y: z.y, k: z.k } : null,
    collapsed: Array.isArray(o.collapsed) ? o.collapsed.filter((c): c is string => typeof c === "string") : null,
    showSaved: o.showSaved === true,
    detailsTab: num(o.detailsTab) ? Math.max(0, Math.min(3, Math.floor(o.detailsTab))) : 0,
    graphSearch: typeof o.graphSearch === "string" ? o.graphSearch : "",
  };
}
