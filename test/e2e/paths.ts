// Where things are: the checkout, the code-server install (outside the checkout), chromium, the VSIX.
// Tests call `missingPrerequisite()` first and skip with its message rather than fail on a machine
// that has not run the install script.
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const CODE_SERVER_VERSION = "4.100.3";
export const CHROMIUM_PATH = process.env.GI_CHROMIUM ?? "/usr/bin/chromium";

/** The checkout's root: the nearest folder above this file whose package.json is ours. Works from test/e2e and build/test/e2e. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "test", "e2e"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no checkout root above ${__dirname}`);
    dir = parent;
  }
}

export function cacheDir(): string {
  return process.env.GI_CACHE_DIR ?? path.join(os.homedir(), ".cache", "gradient-inspector");
}

export function codeServerDir(): string {
  return path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** code-server's entry script; present only when the install script finished (its marker exists). */
export function codeServerEntry(): string {
  return path.join(codeServerDir(), "node_modules", "code-server", "out", "node", "entry.js");
}

const INSTALL_HINT = "run `bash test/e2e/install-code-server.sh` (takes several minutes, once)";

/** Why the real-editor tests cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  const marker = path.join(codeServerDir(), ".gi-install-complete");
  if (!existsSync(marker) || !existsSync(codeServerEntry())) {
    return `code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir()}: ${INSTALL_HINT}`;
  }
  if (!existsSync(CHROMIUM_PATH)) return `no chromium at ${CHROMIUM_PATH}: apt-get install chromium`;
  return null;
}

/** The packaged extension that `npm run package` writes. */
export function vsixPath(): string {
  return path.join(repoRoot(), "dist", "gradient-inspector.vsix");
}

export function screenshotDir(): string {
  return path.join(repoRoot(), "test", "e2e", "screenshots");
}
