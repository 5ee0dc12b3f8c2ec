// Runs every compiled *.test.js under build/test with node's test runner. Node 20's `--test DIR`
// would also run every other .js inside a `test` folder (fixtures servers, helpers, the bench),
// so the list is explicit.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}
const only = process.argv.slice(2);
const files = find("build/test").filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const r = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);
