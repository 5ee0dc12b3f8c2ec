// Where a run's error goes in the editor: the exact range of the user's file that RunError.pos
// names (1-based line, 0-based columns), moved along with edits made since the run.
import type { Snapshot } from "../protocol";
import type { LineMap } from "./line-map";

export interface ErrorMark {
  /** 0-based line in the current text. */
  line: number;
  startColumn: number;
  /** End column on the same line, or null for "to the end of the line". */
  endColumn: number | null;
  message: string;
  severity: "error" | "warning";
  /** The line was edited since the run. */
  stale: boolean;
}

/** The diagnostic for a snapshot, or null when the run has nothing to mark (success, cancel, no position). */
export function errorMark(s: Snapshot, map: LineMap): ErrorMark | null {
  const err = s.error;
  if (!err || !err.pos) return null;
  let severity: ErrorMark["severity"];
  if (s.status === "error") severity = "error";
  else if (s.status === "timeout") severity = "warning";
  else return null;
  const place = map.oldToNew[err.pos.line - 1];
  if (!place) return null;
  const sameLine = err.pos.endLine === err.pos.line && err.pos.endColumn > err.pos.column;
  return {
    line: place.line,
    // An edited line's columns no longer mean anything: mark the whole line.
    startColumn: place.stale ? 0 : err.pos.column,
    endColumn: place.stale ? null : sameLine ? err.pos.endColumn : null,
    message: `${err.kind}: ${err.message}`,
    severity,
    stale: place.stale,
  };
}
