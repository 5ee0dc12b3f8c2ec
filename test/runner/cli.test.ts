// `node cli.js run FILE.ts` prints the program's output as written; errors give FILE:LINE:COL,
// PyTorch's kind and message and exit code 1; the time limit exits 124; `snapshot` prints JSON.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Snapshot } from "../../src/protocol";
import { buildCli } from "./helpers";

let cli: string;
let dir: string;
before(async () => {
  cli = await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gi-cli-test-"));
});

function runCli(args: string[], source: string): { status: number | null; stdout: string; stderr: string; file: string } {
  const file = path.join(dir, `prog${Math.random().toString(36).slice(2)}.ts`);
  fs.writeFileSync(file, source);
  const r = spawnSync(process.execPath, [cli, args[0], file, ...args.slice(1)], { encoding: "utf8", timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, file };
}

test("run prints stdout and stderr as the program wrote them", () => {
  const r = runCli(["run"], [
    "import * as torch from \"torch\";",
    "const x = torch.ones(2, 2, { requires_grad: true });",
    "console.log(x);",
    "console.error(\"oops\");",
    "process.stdout.write(\"no newline\");",
  ].join("\n"));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)\nno newline");
  assert.equal(r.stderr, "oops\n");
});

test("an error prints FILE:LINE:COL and PyTorch's kind and message, exit code 1", () => {
  const r = runCli(["run"], [
    "import * as torch from \"torch\";",
    "console.log(\"before\");",
    "const a = torch.ones(2);",
    "a.sum().backward();",
  ].join("\n"));
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "before\n");
  const lines = r.stderr.split("\n");
  assert.equal(lines[0], `${r.file}:4:9`);
  assert.equal(lines[1], "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn");
  assert.equal(lines[2], `    at <top-level> (${r.file}:4:9)`);
});

test("the time limit exits with code 124", () => {
  const r = runCli(["run", "--time-limit", "300"], "for (;;) {}\n");
  assert.equal(r.status, 124);
  assert.match(r.stderr, /TimeoutError: the program ran longer than the time limit \(300 ms\)/);
});

test("snapshot prints the snapshot as JSON", () => {
  const r = runCli(["snapshot"], "import * as torch from \"torch\";\nconst w = torch.zeros(3, { requires_grad: true });\nconsole.log(1);\n");
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Snapshot;
  assert.equal(s.status, "ok");
  assert.deepEqual(s.bindings.map((b) => [b.name, b.pos.line]), [["w", 2]]);
  assert.deepEqual(s.console, [{ stream: "stdout", text: "1" }]);
});

test("usage errors exit with code 2", () => {
  const r = spawnSync(process.execPath, [cli, "frobnicate"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage:/);
});
