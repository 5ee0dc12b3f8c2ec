// The instrumenting transformer: every binding form is recorded at the right place in the
// ORIGINAL source, values and behaviour are unchanged, loops keep the last value and a count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { transpile } from "../../src/runner/transpile";
import { evaluate } from "./helpers";

test("const/let/var declarations, re-assignment and compound assignment", async () => {
  const { bindings } = await evaluate([
    "const a = mk('a');",
    "let b = mk('b'), n = 1;",
    "var c: unknown = mk('c');",
    "b = mk('b2');",
    "let d: any = mk('d0');",
    "d ??= mk('never');",
    "let e: any = null;",
    "e ||= mk('e');",
    "let s: any = 0;",
    "s += 1;", // a number: not recorded
  ].join("\n"));
  assert.deepEqual(bindings, ["a@1:6=ax1", "b@2:4=bx1", "c@3:4=cx1", "b@4:0=b2x1", "d@5:4=d0x1", "e@8:0=ex1"]);
});

test("array and object destructuring with nesting, defaults and rest, in declarations and assignments", async () => {
  const { bindings } = await evaluate([
    "const [p, { q, r: [s] }, ...rest] = [mk('p'), { q: mk('q'), r: [mk('s')] }, mk('t1')];",
    "const { u = mk('u'), ...others } = { v: mk('v') } as any;",
    "let x: any, y: any;",
    "[x, { y = mk('y') }] = [mk('x'), {}] as any;",
  ].join("\n"));
  // rest / others are arrays/objects (not tensors): not recorded.
  assert.deepEqual(bindings, ["p@1:7=px1", "q@1:12=qx1", "s@1:19=sx1", "u@2:8=ux1", "x@4:1=xx1", "y@4:6=yx1"]);
});

test("loop variables (for, for...of, for...in, destructured) keep the last value and count", async () => {
  const { bindings } = await evaluate([
    "const items = [mk('i0'), mk('i1'), mk('i2')];",
    "for (const it of items) {}",
    "for (const [k, v] of [[mk('k0'), mk('v0')], [mk('k1'), mk('v1')]]) {}",
    "let acc = mk('acc0');",
    "for (let i = 0, w = mk('w'); i < 4; i++) acc = mk('acc' + (i + 1));",
    "let j = 0; while (j < 2) { const inner = mk('in' + j); j++; }",
    "for (const key in { a: 1 }) {}",
  ].join("\n"));
  assert.deepEqual(bindings.filter((b) => !b.startsWith("items")), [
    "it@2:11=i2x3", "k@3:12=k1x2", "v@3:15=v1x2", "acc@4:4=acc0x1", "w@5:16=wx1", "acc@5:41=acc4x4", "inner@6:33=in1x2",
  ]);
});

test("catch bindings and function / arrow / method / setter parameters", async () => {
  const { bindings } = await evaluate([
    "try { throw mk('err'); } catch (e) {}",
    "try { throw { t: mk('et') }; } catch ({ t }) {}",
    "function f(a: unknown, { b }: any, ...r: unknown[]) { return a; }",
    "f(mk('fa'), { b: mk('fb') });",
    "const g = (c: unknown) => c;",
    "g(mk('gc'));",
    "class K { m(d: unknown) {} set v(x: unknown) {} constructor(private z: unknown) {} }",
    "const k = new K(mk('kz')); k.m(mk('kd')); k.v = mk('kv');",
  ].join("\n"));
  assert.deepEqual(bindings, [
    "e@1:32=errx1", "t@2:40=etx1", "a@3:11=fax1", "b@3:25=fbx1", "c@5:11=gcx1", "z@7:68=kzx1", "d@7:12=kdx1", "x@7:33=kvx1",
  ]);
});

test("top-level await code and nested scopes are recorded", async () => {
  const { bindings } = await evaluate([
    "const early = await Promise.resolve(mk('early'));",
    "async function inner() { const deep = mk('deep'); return deep; }",
    "const late = await inner();",
  ].join("\n"));
  assert.deepEqual(bindings, ["early@1:6=earlyx1", "deep@2:31=deepx1", "late@3:6=deepx1"]);
});

test("instrumentation keeps values, function names and class names", async () => {
  const src = [
    "const f = () => 1;",
    "const C = class {};",
    "let out: unknown[] = [];",
    "let n = 2; n *= 3;",
    "const [a = 5] = [];",
    "out.push(f.name, C.name, n, a, (() => { let q = 1; return (q = 7); })());",
    "(globalThis as any).__out = out;",
  ].join("\n");
  await evaluate(src);
  assert.deepEqual((globalThis as unknown as { __out: unknown[] }).__out, ["f", "C", 6, 5, 7]);
});

test("site positions are in the original TypeScript source", () => {
  const src = "interface T { a: number }\n\nconst   spaced: T | number =\n  1 as number;\nlet z: number;\nz = 3;\n";
  const { sites } = transpile(src, "x.ts", { record: true });
  // The literal initializer is not recorded (never a tensor); the assignment `z = 3` neither.
  assert.deepEqual(sites, []);
  const src2 = "type T = number;\nconst   spaced: T =\n  f();\nlet z: T;\nz = g();\n";
  const s2 = transpile(src2, "x.ts", { record: true }).sites;
  assert.deepEqual(s2, [
    { name: "spaced", line: 2, column: 8, endLine: 2, endColumn: 14 },
    { name: "z", line: 5, column: 0, endLine: 5, endColumn: 1 },
  ]);
});

test("record: false inserts no recorders but keeps loop guards and float literals", () => {
  const { code, sites } = transpile("import * as torch from 'torch';\nconst x = torch.tensor([1.0]);\nwhile (x) break;\n", "x.ts", { record: false });
  assert.equal(sites.length, 0);
  assert.doesNotMatch(code, /__gi\.rec|__gi\.m\(/);
  assert.match(code, /__gi\.t\(\)/);
  assert.match(code, /__gi\.f\(1\.0\)/);
});

test("a loop guard opens every loop body", () => {
  const { code } = transpile("for (;;) break;\nwhile (true) break;\ndo {} while (false);\nfor (const a of []) ;\nfor (const k in {}) {}\n", "x.ts", { record: false });
  assert.equal(code.match(/__gi\.t\(\)/g)?.length, 5);
});

test("throw statements remember their site (for `throw 42`, which has no stack)", () => {
  const { code, throwSites } = transpile("function f() {\n  throw 42;\n}\n", "x.ts", { record: false });
  assert.match(code, /throw __gi\.th\(42, 0\)/);
  assert.deepEqual(throwSites, [{ line: 2, column: 2, endLine: 2, endColumn: 11 }]);
});

test("a TypeScript syntax error is a diagnostic at its line", () => {
  const { diagnostics } = transpile("const a = 1;\nconst b = (;\n", "x.ts", { record: true });
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].message, "Expression expected.");
  assert.equal(diagnostics[0].pos.line, 2);
  assert.equal(diagnostics[0].pos.column, 11);
});

test("control flow and class forms behave as before instrumentation", async () => {
  await evaluate([
    "const log: unknown[] = [];",
    "outer: for (const i of [1, 2, 3]) { for (const j of [1, 2]) { if (j === 2) continue outer; log.push(i * 10 + j); } }",
    "async function* gen() { yield 1; yield 2; }",
    "for await (const v of gen()) log.push(v);",
    "function* g2(n: number) { for (let i = 0; i < n; i++) yield i; }",
    "log.push([...g2(3)].join(''));",
    "let a: number, b: number; a = b = 4; log.push(a + b);",
    "class A { constructor(readonly base: number) {} }",
    "class B extends A { constructor(private w: number, z = 1) { super(w + z); } get both() { return [this.w, this.base]; } }",
    "log.push(new B(5).both.join(','));",
    "const o = (p: number) => ({ p });",
    "log.push(o(3).p);",
    "let m: RegExpExecArray | null; const re = /x/g; let count = 0; while ((m = re.exec('xax')) !== null) count++;",
    "log.push(count);",
    "export const { e1, e2 } = { e1: 'E1', e2: 'E2' };",
    "log.push(e1 + e2);",
    "namespace N { export const [q] = [7]; }",
    "log.push(N.q);",
    "(globalThis as any).__log = log;",
  ].join("\n"));
  assert.deepEqual((globalThis as unknown as { __log: unknown[] }).__log, [11, 21, 31, 1, 2, "012", 8, "5,6", 3, 2, "E1E2", 7]);
});
