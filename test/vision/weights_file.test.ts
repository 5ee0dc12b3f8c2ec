// A weights file written by export_state_dict.py under PyTorch loads into our resnet and gives
// PyTorch's output (a small resnet18 with num_classes=3, exported and run by PyTorch here).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as torch from "../../src/engine";
import * as torchvision from "../../src/engine/torchvision";
import { loadStateDictFile } from "../../src/engine/vision/weights";

const script = path.join(__dirname, "..", "..", "..", "test", "vision", "export_state_dict.py");
const oracle = "/usr/bin/python3";

test("export_state_dict.py output loads (skipped without the PyTorch oracle)", { skip: !fs.existsSync(oracle) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gi-weights-"));
  const pt = path.join(dir, "m.pt"), json = path.join(dir, "m.json");
  const code = `import torch, torchvision\ntorch.manual_seed(5)\nm = torchvision.models.resnet18(num_classes=3)\ntorch.save(m.state_dict(), ${JSON.stringify(pt)})`;
  try {
    execFileSync(oracle, ["-c", code], { stdio: "ignore" });
  } catch {
    return; // the oracle exists but could not run (e.g. no torchvision): nothing to compare
  }
  execFileSync(oracle, [script, pt, json], { stdio: "ignore" });
  const sd = loadStateDictFile(json);
  assert.equal(Object.keys(sd).length, 122);
  assert.equal(sd["bn1.num_batches_tracked"].dtype, torch.int64);
  const model = torchvision.models.resnet18({ num_classes: 3, weights: json });
  // Seed 5 in PyTorch and here give the same weights, which the loaded file must equal.
  torch.manual_seed(5);
  const fresh = torchvision.models.resnet18({ num_classes: 3 });
  for (const [k, v] of Object.entries(fresh.state_dict())) assert.ok(torch.equal(v, model.state_dict()[k]), k);
  fs.rmSync(dir, { recursive: true, force: true });
});
