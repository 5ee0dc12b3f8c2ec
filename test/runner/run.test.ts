// End-to-end runs through the real worker bundle: console capture, errors mapped to the user's
// TypeScript lines, and isolation (time limit, cancel, OOM, odd throws, exit) of the host.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Snapshot } from "../../src/protocol";
import { createRunner, type Runner } from "../../src/runner/host";
import type { RunOptions } from "../../src/runner/types";
import { buildTranspiler, buildWorker } from "./helpers";

let runner: Runner;
before(async () => {
  // The bundled compiler, as the extension loads it (snapshot.test.ts uses the tsc output instead).
  const [workerPath, transpilerPath] = await Promise.all([buildWorker(), buildTranspiler()]);
  runner = createRunner({ workerPath, transpilerPath, keepSpareWorker: true });
});
after(() => runner.dispose());

const opts = (o: Partial<RunOptions> = {}): RunOptions => ({
  fileName: "/ws/prog.ts", documentVersion: 7, timeLimitMs: 20000, memoryLimitMb: 512, previewElements: 16, record: true, ...o,
});

async function run(lines: string[], o: Partial<RunOptions> = {}): Promise<Snapshot> {
  const h = runner.startRun(lines.join("\n") + "\n", opts(o));
  const s = await h.result;
  h.dispose();
  return s;
}

test("console output is captured in order, line by line, with Node's formatting and PyTorch's tensor text", async () => {
  const streamed: string[] = [];
  const s = await run([
    "import * as torch from \"torch\";",
    "console.log(\"x\", 1, { a: [1, 2] });",
    "console.error(\"err line\");",
    "process.stdout.write(\"part \");",
    "process.stdout.write(\"whole\\n\");",
    "console.info(\"%s=%d\", \"n\", 5);",
    "const t = torch.tensor([1.0, 2.5]);",
    "console.log(\"t:\", t);",
    "console.warn(`${t}`);",
    "console.log(\"two\\nlines\");",
    "await new Promise((r) => setTimeout(r, 5));",
    "setTimeout(() => console.log(\"from a timer\"), 10);",
  ], { onConsole: (l) => streamed.push(`${l.stream}:${l.text}`) });
  assert.equal(s.status, "ok", JSON.stringify(s.error));
  const expected = [
    "stdout:x 1 { a: [ 1, 2 ] }", "stderr:err line", "stdout:part whole", "stdout:n=5", "stdout:t: tensor([1.0000, 2.5000])",
    "stderr:tensor([1.0000, 2.5000])", "stdout:two", "stdout:lines", "stdout:from a timer",
  ];
  assert.deepEqual(streamed, expected);
  assert.deepEqual(s.console.map((l) => `${l.stream}:${l.text}`), expected);
  assert.equal(s.file, "/ws/prog.ts");
  assert.equal(s.documentVersion, 7);
});

test("a float literal in a factory call makes a float32 tensor; an integer literal an int64 one", async () => {
  const s = await run([
    "import * as torch from \"torch\";",
    "const f = torch.tensor([1.0, 2.0]);",
    "const i = torch.tensor([1, 2]);",
    "console.log(f.dtype.name, i.dtype.name, String(torch.arange(4.0)));",
  ]);
  assert.deepEqual(s.console.map((l) => l.text), ["float32 int64 tensor([0., 1., 2., 3.])"]);
});

test("an engine error is reported at the user's line with PyTorch's kind and message, engine frames dropped", async () => {
  const s = await run([
    "import * as torch from \"torch\";",
    "",
    "function step(a: torch.Tensor) {",
    "  return a.sum().backward();",
    "}",
    "const a = torch.ones(2);",
    "step(a);",
  ]);
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "RuntimeError");
  assert.equal(s.error?.message, "element 0 of tensors does not require grad and does not have a grad_fn");
  assert.equal(s.error?.pos?.line, 4);
  assert.deepEqual(s.error?.stack.split("\n").slice(1), ["    at step (/ws/prog.ts:4:18)", "    at <top-level> (/ws/prog.ts:7:1)"]);
  // What was recorded before the error is kept.
  assert.deepEqual(s.bindings.map((b) => b.name), ["a", "a"]);
});

test("a TypeScript syntax error is reported at its line and nothing runs", async () => {
  const s = await run(["console.log(1);", "const a = ;"]);
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "SyntaxError");
  assert.equal(s.error?.pos?.line, 2);
  assert.deepEqual(s.console, []);
});

test("an import other than torch/torchvision fails at the import's line", async () => {
  const s = await run(["const x = 1;", "import * as fs from \"fs\";", "console.log(fs, x);"]);
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "ImportError");
  assert.match(s.error?.message ?? "", /Cannot find module 'fs'/);
  assert.equal(s.error?.pos?.line, 2);
});

test("the time limit stops an infinite loop; what was recorded before it is kept", async () => {
  const s = await run([
    "import * as torch from \"torch\";",
    "const before = torch.ones(3);",
    "let i = 0;",
    "while (true) { i++; }",
  ], { timeLimitMs: 300 });
  assert.equal(s.status, "timeout");
  assert.equal(s.error?.kind, "TimeoutError");
  assert.deepEqual(s.tensors.map((t) => t.names), [["before"]]);
});

test("the time limit also ends code the loop guard cannot reach (the worker is terminated)", async () => {
  const s = await run(["console.log(\"start\");", "new Function(\"while (true) {}\")();"], { timeLimitMs: 300 });
  assert.equal(s.status, "timeout");
  assert.deepEqual(s.console.map((l) => l.text), ["start"]);
});

test("cancel stops a running program", async () => {
  const h = runner.startRun("let n = 0;\nfor (;;) n++;\n", opts());
  setTimeout(() => h.cancel(), 150);
  const s = await h.result;
  h.dispose();
  assert.equal(s.status, "cancelled");
  assert.equal(s.error?.kind, "Cancelled");
});

test("running out of memory stops the worker, not the host", async () => {
  const s = await run(["const keep: unknown[] = [];", "for (;;) keep.push({ a: [1, 2, 3], b: \"x\".repeat(10) });"], { memoryLimitMb: 32 });
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "OutOfMemoryError");
});

test("memory failures that abort V8 itself end the run's process, not the host", async () => {
  // One array of numbers growing without end: V8 aborts the whole process, whichever thread runs it
  // ("Reached heap limit" in a large allocation, or "invalid size error" past the largest array).
  const s = await run(["const a: number[] = [];", "for (;;) a.push(Math.random());"], { memoryLimitMb: 128 });
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "OutOfMemoryError");
  assert.match(s.error?.message ?? "", /ran out of memory \(the limit is 128 MB/);
  // The runner (this process) is still here and runs the next program.
  const next = await run(["console.log(\"still here\");"]);
  assert.deepEqual(next.console.map((l) => l.text), ["still here"]);
});

test("a thrown non-Error is reported with its value and the throw's line", async () => {
  const a = await run(["console.log(1);", "throw 42;"]);
  assert.equal(a.status, "error");
  assert.deepEqual([a.error?.kind, a.error?.message, a.error?.pos?.line], ["Uncaught", "42", 2]);
  const b = await run(["function f() {", "  throw { a: 1 };", "}", "f();"]);
  assert.deepEqual([b.error?.kind, b.error?.message, b.error?.pos?.line], ["Uncaught", "{ a: 1 }", 2]);
});

test("an unhandled rejected promise is an error at the rejecting line", async () => {
  const s = await run(["async function g() {", "  throw new RangeError(\"nope\");", "}", "void g();", "console.log(\"after\");"]);
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "UnhandledRejection");
  assert.match(s.error?.message ?? "", /RangeError: nope/);
  assert.equal(s.error?.pos?.line, 2);
  assert.deepEqual(s.console.map((l) => l.text), ["after"]);
});

test("process.exit ends the program, not the host", async () => {
  const a = await run(["console.log(\"a\");", "process.exit(3);", "console.log(\"b\");"]);
  assert.equal(a.status, "error");
  assert.equal(a.error?.kind, "ProcessExit");
  assert.equal(a.error?.pos?.line, 2);
  assert.deepEqual(a.console.map((l) => l.text), ["a"]);
  const b = await run(["console.log(\"a\");", "process.exit(0);", "console.log(\"b\");"]);
  assert.equal(b.status, "ok");
  assert.deepEqual(b.console.map((l) => l.text), ["a"]);
});

test("a top-level await that can never settle ends the run with an error instead of hanging", async () => {
  const s = await run(["await new Promise(() => undefined);"], { timeLimitMs: 0 });
  assert.equal(s.status, "error");
  assert.match(s.error?.message ?? "", /never settled/);
});

test("pages of data and grad come from the worker until dispose", async () => {
  const h = runner.startRun([
    "import * as torch from \"torch\";",
    "const x = torch.arange(40.0, { requires_grad: true });",
    "x.mul(x).sum().backward();",
  ].join("\n"), opts({ previewElements: 8 }));
  const s = await h.result;
  const x = s.tensors.find((t) => t.names.includes("x"));
  assert.ok(x);
  assert.equal(x.data.complete, false);
  assert.deepEqual(x.data.values, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(x.data.stats.max, 39);
  const p = await h.page({ tensorId: x.id, which: "data", offset: 30, count: 20 });
  assert.deepEqual(p?.values, [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  assert.equal(p?.count, 10);
  const g = await h.page({ tensorId: x.id, which: "grad", offset: 1, count: 3 });
  assert.deepEqual(g?.values, [2, 4, 6]);
  assert.equal(await h.page({ tensorId: 987654, which: "data", offset: 0, count: 1 }), null);
  h.dispose();
  assert.equal(await h.page({ tensorId: x.id, which: "data", offset: 0, count: 1 }), null);
});

test("engine warnings go to stderr, prefixed with the user's file:line as Python does", async () => {
  const s = await run([
    "import * as torch from \"torch\";",
    "const x = torch.ones(2, { requires_grad: true });",
    "const y = x.mul(2);",
    "const g = y.grad;",
    "console.log(g);",
  ]);
  assert.equal(s.status, "ok");
  assert.equal(s.console.length, 2);
  assert.equal(s.console[0].stream, "stderr");
  assert.match(s.console[0].text, /^\/ws\/prog\.ts:4: UserWarning: The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed/);
  assert.deepEqual(s.console[1], { stream: "stdout", text: "null" });
});
