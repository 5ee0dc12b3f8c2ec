// What the panel should show for a file, from the store's point of view. Pure, so the rules
// (running beats a result; timeouts and cancels show as the error state) are unit-tested.
import type { PanelState } from "../protocol";
import type { ActiveRun } from "./results-store";
import type { RunResult } from "./run-result";

export function panelState(file: string | null, result: RunResult | undefined, running: ActiveRun | undefined, stale: boolean): PanelState {
  if (file && running) return { kind: "running", file, startedAt: running.startedAt };
  if (!result) return { kind: "empty" };
  const snapshot = result.snapshot;
  return snapshot.status === "ok" ? { kind: "result", snapshot, stale } : { kind: "error", snapshot, stale };
}

/** Same state as last posted? (The snapshot is compared by identity: it is never mutated.) */
export function sameState(a: PanelState | null, b: PanelState): boolean {
  if (!a || a.kind !== b.kind) return false;
  switch (b.kind) {
    case "empty":
      return true;
    case "running":
      return a.kind === "running" && a.file === b.file && a.startedAt === b.startedAt;
    case "result":
    case "error":
      return (a.kind === "result" || a.kind === "error") && a.snapshot === b.snapshot && a.stale === b.stale;
  }
}

/** Decodes an exported image: SVG text as is; PNG from base64 or a `data:image/png;base64,` URL. Null when not what it claims. */
export function decodeExport(format: "svg" | "png", data: string): Uint8Array | null {
  if (format === "svg") return data.includes("<svg") ? new TextEncoder().encode(data) : null;
  const base64 = data.startsWith("data:") ? data.slice(data.indexOf(",") + 1) : data;
  const bytes = Buffer.from(base64, "base64");
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return signature.every((b, i) => bytes[i] === b) ? new Uint8Array(bytes) : null;
}
