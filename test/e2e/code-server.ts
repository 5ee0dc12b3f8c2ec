// Starts and stops one code-server process (VS Code's server with a real Node extension host) on a
// free loopback port, with its own user-data-dir and extensions-dir so that runs never share state.
import { ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { codeServerEntry } from "./paths";

export type Theme = "light" | "dark";

export const THEMES: Record<Theme, string> = {
  light: "Default Light Modern",
  dark: "Default Dark Modern",
};

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  theme?: Theme;
  /** `security.workspace.trust.enabled`; off by default so no trust dialog blocks a test. */
  workspaceTrust?: boolean;
  /** A VSIX installed with `--install-extension` before the server starts. */
  vsix?: string;
  /** Extra user settings, merged over ours. */
  settings?: Record<string, unknown>;
  /** Bound on start-up and on the VSIX install (ms). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  /** Everything code-server printed, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** Our user settings: quiet, offline, no welcome page, the chosen theme. */
export function userSettings(opts: CodeServerOptions): Record<string, unknown> {
  return {
    "workbench.startupEditor": "none",
    "workbench.colorTheme": THEMES[opts.theme ?? "light"],
    "security.workspace.trust.enabled": opts.workspaceTrust ?? false,
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "typescript.disableAutomaticTypeAcquisition": true,
    "npm.fetchOnlinePackageInfo": false,
    "git.enabled": false,
    "git.openRepositoryInParentFolders": "never",
    "chat.commandCenter.enabled": false,
    "window.commandCenter": false,
    "editor.minimap.enabled": false,
    "files.hotExit": "off",
    ...opts.settings,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(args[0] ?? cmd)} ${args.slice(1).join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

/** One GET; resolves with the status code, or null when nothing answers yet. */
function probe(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Kills the whole process group (code-server forks its extension host, pty host and watchers). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// A test runner that dies mid-test must not leave servers behind: kill every group we started.
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of live) killGroup(c, "SIGKILL");
});

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const timeout = opts.startTimeoutMs ?? 90_000;
  const home = mkdtempSync(path.join(os.tmpdir(), "gi-e2e-"));
  const userData = path.join(home, "user-data");
  const extensions = path.join(home, "extensions");
  mkdirSync(path.join(userData, "User"), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify(userSettings(opts), null, 2));
  const entry = codeServerEntry();
  const dirs = ["--user-data-dir", userData, "--extensions-dir", extensions];

  if (opts.vsix !== undefined) {
    await run(process.execPath, [entry, ...dirs, "--install-extension", opts.vsix], timeout);
  }

  const port = await freePort();
  const args = [
    entry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, ...dirs,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
    "--disable-getting-started-override", "--config", path.join(home, "config.yaml"), opts.workspace,
  ];
  if (opts.workspaceTrust === true) args.splice(args.indexOf("--disable-workspace-trust"), 1);
  writeFileSync(path.join(home, "config.yaml"), "");
  // XDG dirs inside our temp home: code-server must not read or write the user's own config.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, "xdg-config"), XDG_DATA_HOME: path.join(home, "xdg-data") };
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let out = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(child, "SIGTERM");
    for (let i = 0; i < 30 && exited === null; i++) await sleep(100);
    killGroup(child, "SIGKILL");
    live.delete(child);
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`code-server exited with ${exited} before it answered:\n${out}`);
    }
    if ((await probe(`${url}healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${timeout} ms:\n${out}`);
    }
    await sleep(200);
  }
  return { url, port, log: () => out, stop };
}
