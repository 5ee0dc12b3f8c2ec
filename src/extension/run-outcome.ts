// What to tell the user when a run ends: a one-line summary for the Output channel and the
// status bar, and for runs the program did not finish on its own (time limit, memory limit,
// cancel, a failure of the runner itself) a notification that says why.
import type { Snapshot } from "../protocol";
import { plural } from "../text";

export type NotifyLevel = "info" | "warning" | "error";

export interface Outcome {
  /** One line for the Output channel. */
  summary: string;
  /** Status bar text (codicons allowed). */
  status: string;
  /** A notification to show, or null when the editor shows enough (diagnostic, panel). */
  notify: { level: NotifyLevel; text: string; setting: string | null } | null;
}

/** Why a run was cancelled: the user asked, or a newer run of the same file replaced it. */
export type CancelReason = "user" | "superseded";

export function describeOutcome(s: Snapshot, fileLabel: string, cancelReason: CancelReason | null): Outcome {
  const ms = `${Math.round(s.durationMs)} ms`;
  const counts = `${plural(s.tensors.length, "tensor")}, ${plural(s.graph.nodes.length, "graph node")}`;
  const err = s.error;
  switch (s.status) {
    case "ok":
      return { summary: `✓ ${fileLabel} ran in ${ms}: ${counts}`, status: `$(check) ${plural(s.tensors.length, "tensor")}`, notify: null };
    case "timeout":
      return {
        summary: `■ ${fileLabel} stopped at the time limit after ${ms} (${counts} recorded)`,
        status: "$(watch) time limit",
        notify: { level: "warning", text: `Gradient Inspector stopped ${fileLabel}: ${err?.message ?? "it ran longer than the time limit"}. Raise gradientInspector.timeLimitMs if it needs longer.`, setting: "gradientInspector.timeLimitMs" },
      };
    case "cancelled":
      return {
        summary: `■ ${fileLabel} cancelled after ${ms}${cancelReason === "superseded" ? " (a newer run replaced it)" : ""}`,
        status: "$(debug-stop) cancelled",
        notify: cancelReason === "superseded" ? null : { level: "info", text: `Gradient Inspector: the run of ${fileLabel} was cancelled.`, setting: null },
      };
    case "error": {
      const kind = err?.kind ?? "Error";
      const where = err?.pos ? ` (line ${err.pos.line})` : "";
      const summary = `✗ ${fileLabel}: ${kind}: ${err?.message ?? "unknown error"}${where}`;
      if (kind === "OutOfMemoryError") {
        return {
          summary, status: "$(error) out of memory",
          notify: { level: "warning", text: `Gradient Inspector stopped ${fileLabel}: ${err?.message ?? "it ran out of memory"}. Raise gradientInspector.memoryLimitMb if it needs more.`, setting: "gradientInspector.memoryLimitMb" },
        };
      }
      if (kind === "InternalError") {
        return { summary, status: "$(error) run failed", notify: { level: "error", text: `Gradient Inspector could not run ${fileLabel}: ${err?.message ?? ""}`, setting: null } };
      }
      // The program's own error: the diagnostic on its line and the panel say it; no pop-up.
      return { summary, status: `$(error) ${kind}`, notify: null };
    }
  }
}
