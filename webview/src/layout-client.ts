// Starts the layout worker. Inside VS Code the worker script lives on the resource origin,
// not the webview's, and browsers only start same-origin workers: so the script is fetched
// and started from a blob: URL (the CSP allows `worker-src blob:`). When no worker can be
// started at all, layout runs on the panel's thread as a last resort, after a yield.
import type { LayoutReply, LayoutRequest } from "./layout-protocol";
import { packLayout } from "./layout-pack";

export type LayoutRunner = (req: Omit<LayoutRequest, "id">) => Promise<LayoutReply>;

export function createLayoutRunner(workerUri: string | null): LayoutRunner {
  let nextId = 1;
  const pending = new Map<number, (r: LayoutReply) => void>();
  let worker: Promise<Worker | null> = Promise.resolve(null);
  if (workerUri && typeof Worker !== "undefined") {
    worker = fetch(workerUri)
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((code) => new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" }))))
      .catch(() => {
        try {
          return new Worker(workerUri);
        } catch {
          return null;
        }
      })
      .then((w) => {
        if (w) {
          w.onmessage = (ev: MessageEvent<LayoutReply>) => {
            const done = pending.get(ev.data.id);
            pending.delete(ev.data.id);
            done?.(ev.data);
          };
        }
        return w;
      });
  }
  return async (req) => {
    const id = nextId++;
    const w = await worker;
    if (!w) {
      await new Promise((r) => setTimeout(r, 0));
      return packLayout({ ...req, id });
    }
    return new Promise<LayoutReply>((resolve) => {
      pending.set(id, resolve);
      w.postMessage({ ...req, id }, [req.widths.buffer, req.heights.buffer, req.edges.buffer]);
    });
  };
}
