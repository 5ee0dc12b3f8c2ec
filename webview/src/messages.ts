// Messages arriving in the webview come from the extension, but `message` events can be
// posted by anything in the page's window: check the shape before acting on one.
import type { ToWebview } from "../../src/protocol";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const THEMES = ["light", "dark", "high-contrast", "high-contrast-light"];

export function parseToWebview(v: unknown): ToWebview | null {
  if (!isObj(v) || typeof v.type !== "string") return null;
  switch (v.type) {
    case "state": {
      const st = v.state;
      if (!isObj(st)) return null;
      if (st.kind === "empty") return { type: "state", state: { kind: "empty" } };
      if (st.kind === "running") return typeof st.file === "string" && typeof st.startedAt === "number" ? { type: "state", state: { kind: "running", file: st.file, startedAt: st.startedAt } } : null;
      if (st.kind === "result" || st.kind === "error") {
        const snap = st.snapshot;
        if (!isObj(snap) || !Array.isArray(snap.tensors) || !isObj(snap.graph) || !Array.isArray(snap.graph.nodes) || !Array.isArray(snap.graph.edges)) return null;
        if (!Array.isArray(snap.bindings) || !Array.isArray(snap.console) || typeof snap.file !== "string") return null;
        return { type: "state", state: st as unknown as Extract<ToWebview, { type: "state" }>["state"] };
      }
      return null;
    }
    case "selectTensor":
      return isInt(v.tensorId) ? { type: "selectTensor", tensorId: v.tensorId } : null;
    case "tensorPage": {
      const p = v.page;
      if (!isObj(p) || !isInt(p.tensorId) || !isInt(p.offset) || !isInt(p.count) || !Array.isArray(p.values) || !Array.isArray(p.shape)) return null;
      if (p.which !== "data" && p.which !== "grad") return null;
      return { type: "tensorPage", page: { tensorId: p.tensorId, which: p.which, offset: p.offset, count: p.count, shape: p.shape as number[], values: p.values as number[] } };
    }
    case "theme":
      return typeof v.kind === "string" && THEMES.includes(v.kind) ? { type: "theme", kind: v.kind as Extract<ToWebview, { type: "theme" }>["kind"] } : null;
    default:
      return null;
  }
}
