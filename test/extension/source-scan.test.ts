import { test } from "node:test";
import assert from "node:assert/strict";
import { firstTorchImportLine, hoverVariable, importSpans, isCodeAt, selectionProgram } from "../../src/extension/source-scan";

test("the CodeLens line: the first import of torch, after other imports", () => {
  assert.equal(firstTorchImportLine('import * as fs from "fs"\nimport * as torch from "torch";\nconst x = 1;'), 1);
  assert.equal(firstTorchImportLine("// hi\nimport {\n  ones,\n  tensor\n} from 'torch';"), 1);
  assert.equal(firstTorchImportLine('import * as torchvision from "torchvision";'), 0);
  assert.equal(firstTorchImportLine('import * as tv from "torchvision";\nimport * as torch from "torch";'), 1);
  assert.equal(firstTorchImportLine('import x from "torchaudio";\nconst s = "torch";'), null);
  assert.equal(firstTorchImportLine('import torch = require("torch");'), 0);
});

test("import spans stop at each statement's own specifier", () => {
  const spans = importSpans('import a from "a"\nimport * as torch from "torch"\n');
  assert.deepEqual(spans.map((s) => [s.specifier, s.line]), [["a", 0], ["torch", 1]]);
});

test("Run Selection keeps the selection and the imports at their exact lines and columns", () => {
  const text = ['import * as torch from "torch";', "const a = torch.ones(2);", "const b = a.mul(2);", "const c = b.sum();"].join("\n");
  const start = text.indexOf("const b");
  const end = text.indexOf("\nconst c");
  const prog = selectionProgram(text, start, end);
  const lines = prog.split("\n");
  assert.equal(lines.length, 4);
  assert.equal(lines[0], 'import * as torch from "torch";');
  assert.equal(lines[1], "");
  assert.equal(lines[2], "const b = a.mul(2);");
  assert.equal(lines[3], "");
});

test("a partial-line selection keeps its columns", () => {
  const text = "const a = 1; const b = 2;";
  assert.equal(selectionProgram(text, 13, text.length), "             const b = 2;");
});

test("hovers stay off comments and strings, but template expressions are code", () => {
  const line = 'const y = x.add(2); // y is x + 2';
  assert.equal(isCodeAt(line, line.indexOf("y")), true);
  assert.equal(isCodeAt(line, line.indexOf("x")), true);
  assert.equal(isCodeAt(line, line.lastIndexOf("y")), false);
  assert.equal(isCodeAt('console.log("y", y);', 13), false);
  assert.equal(isCodeAt('console.log("y", y);', 17), true);
  const tpl = "console.log(`y = ${y} and ${ {a: z}.a }`);";
  assert.equal(isCodeAt(tpl, tpl.indexOf("y")), false);
  assert.equal(isCodeAt(tpl, tpl.indexOf("{y") + 1), true);
  assert.equal(isCodeAt(tpl, tpl.indexOf("z")), true);
  assert.equal(isCodeAt(tpl, tpl.indexOf("and")), false);
  assert.equal(isCodeAt("a /* y */ b", 5), false);
  assert.equal(isCodeAt("a /* y */ b", 10), true);
  assert.equal(isCodeAt("const s = 'it\\'s y';", 17), false);
});

test("hover target: a variable, a tensor attribute of a variable, or nothing", () => {
  const at = (line: string, word: string, from = 0) => {
    const start = line.indexOf(word, from);
    return hoverVariable(line, start, start + word.length);
  };
  assert.deepEqual(at("const y = x.add(2);", "x"), { name: "x", column: 10 });
  assert.deepEqual(at("console.log(x.grad);", "grad"), { name: "x", column: 12 });
  assert.deepEqual(at("console.log(w .grad);", "grad"), { name: "w", column: 12 });
  assert.deepEqual(at("const g = x?.grad;", "grad"), { name: "x", column: 10 });
  assert.deepEqual(at("x.data.norm()", "data"), { name: "x", column: 0 });
  assert.deepEqual(at("f(...grads)", "grads"), { name: "grads", column: 5 });
  assert.equal(at("const y = x.add(2);", "add"), null, "a method is not a tensor attribute");
  assert.equal(at("model.fc.weight.grad", "grad"), null, "only a plain variable before the dot");
  assert.equal(at("f(x).grad", "grad"), null);
});
