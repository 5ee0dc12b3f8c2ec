// `npm start`: runs the product on the examples the way a user meets it. Builds and packages the
// VSIX, then installs it into the user's VS Code when the `code` command exists and opens the
// examples folder; otherwise installs (once, cached) the local code-server, installs the VSIX
// there and serves the examples folder on a loopback port, printing its URL.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const vsix = path.join(root, "dist", "gradient-inspector.vsix");
const examples = path.join(root, "examples");
const cache = process.env.GI_CACHE_DIR ?? path.join(homedir(), ".cache", "gradient-inspector");
const port = Number(process.env.PORT ?? 8080);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

run("npm", ["run", "package"]);

if (has("code") && !process.env.GI_FORCE_CODE_SERVER) {
  run("code", ["--install-extension", vsix, "--force"]);
  run("code", [examples, path.join(examples, "autograd_basics.ts")]);
  console.log("\nGradient Inspector is installed in VS Code and the examples are open.");
  console.log('Run "Gradient Inspector: Run File" (Ctrl+Alt+G) on autograd_basics.ts.');
  process.exit(0);
}

run("bash", [path.join(root, "test", "e2e", "install-code-server.sh")]);
const entry = path.join(cache, "code-server-4.100.3", "node_modules", "code-server", "out", "node", "entry.js");
const userData = path.join(cache, "demo", "user-data");
const extensions = path.join(cache, "demo", "extensions");
mkdirSync(path.join(userData, "User"), { recursive: true });
const settings = path.join(userData, "User", "settings.json");
if (!existsSync(settings)) writeFileSync(settings, JSON.stringify({ "workbench.startupEditor": "none" }, null, 2));
const dirs = ["--user-data-dir", userData, "--extensions-dir", extensions];
run(process.execPath, [entry, ...dirs, "--install-extension", vsix, "--force"]);

const server = spawn(process.execPath, [entry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, ...dirs,
  "--disable-telemetry", "--disable-update-check", examples], { stdio: ["ignore", "pipe", "inherit"] });
let announced = false;
server.stdout.on("data", (chunk) => {
  if (!announced && /HTTP server listening/.test(String(chunk))) {
    announced = true;
    console.log(`\nGradient Inspector is running in code-server: http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`);
    console.log('Open autograd_basics.ts and run "Gradient Inspector: Run File" (Ctrl+Alt+G). Ctrl+C stops the server.');
  }
});
server.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
