// Finds a local desktop VS Code for @vscode/test-electron. We never let test-electron download one
// (these machines cannot, and a test run should not fetch an editor behind anyone's back).
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import * as path from "node:path";

export interface FoundVSCode {
  /** The Electron executable test-electron launches. */
  executable: string;
  /** How we found it, for the test's log. */
  via: string;
}

function onPath(cmd: string): string | null {
  try {
    const out = execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8", timeout: 5000 }).trim();
    return out === "" ? null : out;
  } catch {
    return null;
  }
}

/**
 * `VSCODE_EXECUTABLE` wins; otherwise `code` on PATH, which is a launcher script in `<install>/bin/`
 * next to the Electron binary one folder up (Linux: `<install>/code`; macOS: `.../MacOS/Electron`).
 */
export function findVSCode(): FoundVSCode | null {
  const env = process.env.VSCODE_EXECUTABLE;
  if (env !== undefined && env !== "") return existsSync(env) ? { executable: env, via: "VSCODE_EXECUTABLE" } : null;
  const cli = onPath("code");
  if (cli === null) return null;
  const real = realpathSync(cli);
  const install = path.dirname(path.dirname(real));
  const candidates = [
    path.join(install, "code"),
    path.join(install, "code-insiders"),
    path.join(install, "..", "MacOS", "Electron"),
    path.join(install, "Code.exe"),
  ];
  for (const c of candidates) if (existsSync(c) && c !== real) return { executable: c, via: `code on PATH (${cli})` };
  return null;
}
