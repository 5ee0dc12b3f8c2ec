// The layout worker: runs the layered layout off the panel's thread, so a 5,000-node graph
// never blocks scrolling or typing in the panel. Results travel back as transferred buffers.
import type { LayoutReply, LayoutRequest } from "./layout-protocol";
import { packLayout } from "./layout-pack";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const reply = packLayout(ev.data);
  scope.postMessage(reply, [reply.x.buffer, reply.y.buffer, reply.points.buffer, reply.offsets.buffer]);
};
