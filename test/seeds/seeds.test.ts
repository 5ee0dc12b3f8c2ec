// Runs every TypeScript port of the seed tutorials (test/seeds/NNN_*.ts) through the headless
// runner, `node out/cli.js run FILE` (built by `npm run build`), and compares its stdout with
// what the same program printed under PyTorch 1.13 (NNN_*.expected.txt, by gen_expected.py),
// byte for byte except the memory address in `<XBackward0 object at 0x...>`. PyTorch's warnings
// (NNN_*.expected.stderr.txt) must appear on our stderr. The *_seeded ports print random
// values and run only once torch.manual_seed(0) reproduces PyTorch's numbers (rng_probe.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as torch from "../../src/engine";
import { repoRoot } from "../oracle/fixtures";

const root = repoRoot();
const seedsDir = join(root, "test", "seeds");
const cli = join(root, "out", "cli.js");

/** No two runs share an address: mask it, keep the node name. */
function maskAddresses(text: string): string {
  return text.replace(/ object at 0x[0-9a-fA-F]+>/g, " object at 0x…>");
}

interface Probe { rand5: number[]; randn20: number[] }

/** Why our RNG is not PyTorch's yet, or null when manual_seed(0) reproduces it bit for bit. */
function rngMismatch(): string | null {
  const probe = JSON.parse(readFileSync(join(seedsDir, "rng_probe.json"), "utf8")) as Probe;
  try {
    torch.manual_seed(0);
    const rand = torch.rand(5).tolist() as number[];
    torch.manual_seed(0);
    const randn = torch.randn(20).tolist() as number[];
    if (rand.some((v, i) => v !== probe.rand5[i])) return `manual_seed(0); rand(5) gives ${rand.join(", ")}, PyTorch ${probe.rand5.join(", ")}`;
    if (randn.some((v, i) => v !== probe.randn20[i])) return `manual_seed(0); randn(20) differs from PyTorch's`;
    return null;
  } catch (e) {
    return `RNG probe failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const ports = readdirSync(seedsDir).filter((f) => /^\d{3}_.*\.ts$/.test(f) && !f.endsWith(".test.ts")).sort();

test("every seed tutorial has a port with an expected output", () => {
  for (const n of ["000", "001", "002", "003", "004"]) {
    assert.ok(ports.some((p) => p.startsWith(n)), `no port for seed ${n}`);
  }
  for (const p of ports) assert.ok(existsSync(join(seedsDir, p.replace(/\.ts$/, ".expected.txt"))), `${p} has no expected output`);
});

for (const port of ports) {
  test(`seed ${port}`, (t) => {
    if (port.includes("_seeded")) {
      const why = rngMismatch();
      if (why !== null) {
        t.skip(`needs PyTorch's RNG bit for bit (issue 3): ${why}`);
        return;
      }
    }
    assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
    const run = spawnSync(process.execPath, [cli, "run", join(seedsDir, port)], { encoding: "utf8", timeout: 600_000 });
    const stem = port.replace(/\.ts$/, "");
    const expected = readFileSync(join(seedsDir, `${stem}.expected.txt`), "utf8");
    assert.equal(run.status, 0, `exit ${run.status}; stderr:\n${run.stderr}`);
    assert.equal(maskAddresses(run.stdout), maskAddresses(expected));
    const stderrFile = join(seedsDir, `${stem}.expected.stderr.txt`);
    const warnings = existsSync(stderrFile) ? readFileSync(stderrFile, "utf8").split("\n").filter((l) => l !== "") : [];
    for (const w of warnings) assert.ok(run.stderr.includes(w), `missing on stderr: ${w}\nstderr was:\n${run.stderr}`);
    if (warnings.length === 0) assert.doesNotMatch(run.stderr, /Warning:/, "PyTorch printed no warning here");
  });
}
