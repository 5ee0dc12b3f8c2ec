import { test } from "node:test";
import assert from "node:assert/strict";
import { identityMap, mapLines, originOf, placeSpan } from "../../src/extension/line-map";

const lines = (...ls: string[]): string => ls.join("\n");
const src = lines("a", "b", "c", "d", "e");

test("identical texts map every line to itself, nothing stale", () => {
  const m = mapLines(src, src);
  assert.equal(m.identical, true);
  assert.deepEqual(m.oldToNew.map((p) => p?.line), [0, 1, 2, 3, 4]);
  assert.ok(m.oldToNew.every((p) => p && !p.stale));
});

test("an inserted line shifts the lines below it, which keep their values", () => {
  const m = mapLines(src, lines("a", "NEW", "b", "c", "d", "e"));
  assert.equal(m.identical, false);
  assert.deepEqual(m.oldToNew.map((p) => [p?.line, p?.stale]), [[0, false], [2, false], [3, false], [4, false], [5, false]]);
  assert.equal(m.newToOld[1], null);
});

test("an edited line is paired with its replacement and marked stale", () => {
  const m = mapLines(src, lines("a", "b", "C!", "d", "e"));
  assert.deepEqual(m.oldToNew[2], { line: 2, stale: true });
  assert.deepEqual(m.newToOld[2], { line: 2, stale: true });
  assert.deepEqual(m.oldToNew[3], { line: 3, stale: false });
});

test("a deleted line has nowhere to go; later lines move up", () => {
  const m = mapLines(src, lines("a", "c", "d", "e"));
  assert.equal(m.oldToNew[1], null);
  assert.deepEqual(m.oldToNew[2], { line: 1, stale: false });
});

test("edits in two places: both hunks stale, the line between keeps its value", () => {
  const m = mapLines(src, lines("A", "b", "c", "D", "x", "e"));
  assert.deepEqual(m.oldToNew.map((p) => (p ? `${p.line}${p.stale ? "s" : ""}` : "-")), ["0s", "1", "2", "3s", "5"]);
  assert.equal(m.newToOld[4], null, "the extra inserted line has no origin");
});

test("moved lines: the LCS keeps the longest common run and stales the rest", () => {
  const m = mapLines(lines("1", "2", "3", "4"), lines("4", "1", "2", "3"));
  assert.deepEqual(m.oldToNew.slice(0, 3), [{ line: 1, stale: false }, { line: 2, stale: false }, { line: 3, stale: false }]);
  assert.equal(m.oldToNew[3], null);
});

test("CRLF and LF versions of the same text are the same lines", () => {
  assert.equal(mapLines("a\r\nb\r\n", "a\nb\n").identical, true);
});

test("placeSpan: a span is stale when any of its lines changed", () => {
  const m = mapLines(lines("a", "b", "c"), lines("a", "B", "c"));
  assert.deepEqual(placeSpan(m, 1, 1), { line: 0, stale: false });
  assert.deepEqual(placeSpan(m, 1, 3), { line: 2, stale: true });
  const del = mapLines(lines("a", "b", "c"), lines("a", "c"));
  assert.equal(placeSpan(del, 2, 2), null);
});

test("originOf: an inserted line borrows the nearest origin above it", () => {
  const m = mapLines(src, lines("a", "b", "NEW1", "NEW2", "c", "d", "e"));
  assert.deepEqual(originOf(m, 3), { line: 1, stale: false });
  assert.deepEqual(originOf(m, 4), { line: 2, stale: false });
  assert.equal(originOf(mapLines("x", lines("NEW", "x")), 0), null);
});

test("identityMap matches mapLines on an unchanged text", () => {
  assert.deepEqual(identityMap(5).oldToNew, mapLines(src, src).oldToNew);
});

test("a large file with a one-line edit maps in one pass (prefix/suffix trim)", () => {
  const big = Array.from({ length: 5000 }, (_, i) => `const v${i} = torch.ones(${i});`);
  const edited = [...big];
  edited[2500] = "const changed = 1;";
  const m = mapLines(big.join("\n"), edited.join("\n"));
  assert.deepEqual(m.oldToNew[2500], { line: 2500, stale: true });
  assert.deepEqual(m.oldToNew[4999], { line: 4999, stale: false });
});
