// Runs a layout request and packs the result into flat typed arrays (one transfer, no per-edge objects).
import { layout } from "./layout";
import type { LayoutReply, LayoutRequest } from "./layout-protocol";

export function packLayout(req: LayoutRequest): LayoutReply {
  const t0 = performance.now();
  const r = layout({ widths: req.widths, heights: req.heights, edges: req.edges });
  const m = r.edgePoints.length;
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i] + r.edgePoints[i].length;
  const points = new Float64Array(offsets[m]);
  for (let i = 0; i < m; i++) points.set(r.edgePoints[i], offsets[i]);
  return { id: req.id, x: r.x, y: r.y, points, offsets, width: r.width, height: r.height, ms: performance.now() - t0 };
}
