// Whether a document may be run, and what to tell the user when it may not. The workspace
// trust rule lives here: in Restricted Mode nothing executes.

export const TRUST_COMMAND = "workbench.trust.manage";
export const TRUST_BUTTON = "Manage Workspace Trust";

/** Languages the runner accepts (TypeScript; plain JavaScript is TypeScript too). */
export const RUNNABLE_LANGUAGES: readonly string[] = ["typescript", "javascript"];

export type Gate =
  | { ok: true }
  | { ok: false; reason: "untrusted"; message: string; button: string; command: string }
  | { ok: false; reason: "language"; message: string };

export function runGate(input: { trusted: boolean; languageId: string; fileLabel: string }): Gate {
  if (!input.trusted) {
    return {
      ok: false,
      reason: "untrusted",
      message: `Gradient Inspector did not run ${input.fileLabel}: this workspace is in Restricted Mode, and running a file executes its code. If you trust the folder's authors, choose "${TRUST_BUTTON}" and trust the folder, then run again.`,
      button: TRUST_BUTTON,
      command: TRUST_COMMAND,
    };
  }
  if (!RUNNABLE_LANGUAGES.includes(input.languageId)) {
    return { ok: false, reason: "language", message: `Gradient Inspector runs TypeScript files; ${input.fileLabel} is ${input.languageId}.` };
  }
  return { ok: true };
}
