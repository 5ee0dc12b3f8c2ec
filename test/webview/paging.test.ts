// Paging arithmetic: which elements a table/heatmap window asks for.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { geometry, PageSource, rowsPerPage, windowRange } from "../../webview/src/paging";
import type { TensorPageRequest, ValuePreview } from "../../src/protocol";

const stats = { min: 0, max: 0, mean: 0, std: 0, norm: 0, nanCount: 0, infCount: 0 };

describe("paging", () => {
  it("a 1000×1000 matrix pages by 64 rows of 1000", () => {
    assert.equal(rowsPerPage(geometry([1000, 1000])), 64);
    assert.deepEqual(windowRange([1000, 1000], { slice: [], rowPage: 0, colPage: 0 }), { offset: 0, count: 64000, row0: 0, rows: 64 });
    assert.deepEqual(windowRange([1000, 1000], { slice: [], rowPage: 15, colPage: 0 }), { offset: 960000, count: 40000, row0: 960, rows: 40 });
    // Past the end clamps to the last page.
    assert.equal(windowRange([1000, 1000], { slice: [], rowPage: 99, colPage: 0 }).row0, 960);
  });

  it("picks a 2-D slice of a 4-D tensor", () => {
    const shape = [2, 3, 4, 5];
    assert.deepEqual(geometry(shape), { lead: [2, 3], rows: 4, cols: 5 });
    assert.deepEqual(windowRange(shape, { slice: [1, 2], rowPage: 0, colPage: 0 }), { offset: (1 * 3 + 2) * 20, count: 20, row0: 0, rows: 4 });
  });

  it("0-D and 1-D tensors", () => {
    assert.deepEqual(windowRange([], { slice: [], rowPage: 0, colPage: 0 }), { offset: 0, count: 1, row0: 0, rows: 1 });
    assert.deepEqual(windowRange([100], { slice: [], rowPage: 0, colPage: 0 }), { offset: 0, count: 64, row0: 0, rows: 64 });
  });

  it("answers from a complete preview, asks once per page otherwise", async () => {
    const asked: TensorPageRequest[] = [];
    const src = new PageSource(7, (r) => asked.push(r));
    const full: ValuePreview = { text: "", values: [1, 2, 3, 4], complete: true, stats };
    assert.deepEqual(await src.get("data", full, [2, 2], 2, 2), [3, 4]);
    assert.equal(asked.length, 0);
    const part: ValuePreview = { text: "", values: [0, 1], complete: false, stats };
    const a = src.get("grad", part, [10, 10], 20, 10);
    const b = src.get("grad", part, [10, 10], 20, 10);
    assert.deepEqual(asked, [{ tensorId: 7, which: "grad", offset: 20, count: 10 }]);
    assert.equal(src.receive({ tensorId: 8, which: "grad", offset: 20, count: 10, shape: [10, 10], values: [] }), false);
    assert.equal(src.receive({ ...asked[0], shape: [10, 10], values: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5] }), true);
    assert.equal((await a).length, 10);
    assert.equal((await b).length, 10);
    assert.equal(src.pending(), 0);
  });
});
