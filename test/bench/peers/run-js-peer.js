// JS peers of `npm run bench`, one process per peer so they never share a heap or threads
// with us: `node run-js-peer.js <tfjs-wasm|tfjs-cpu|js-pytorch> '<spec JSON>'`.
// Prints one JSON object per line: {"id", "value", "runs", "note"} (GFLOP/s or ms per spec).
"use strict";
const { performance } = require("node:perf_hooks");

const [peer, specJson] = process.argv.slice(2);
const specs = JSON.parse(specJson);

function emit(id, value, runs, note) {
  process.stdout.write(JSON.stringify({ id, value, runs, note: note || "" }) + "\n");
}

// At least MIN_RUNS timed runs; fewer than spec.runs when one run is slow, and none (a note
// instead) when even MIN_RUNS would pass maxSeconds. The first call is the warm-up and the
// estimate; `predicted` (seconds, from a smaller size) skips a hopeless case without running it.
const MIN_RUNS = 5;
async function medianSeconds(fn, runs, maxSeconds, predicted) {
  if (predicted && predicted * MIN_RUNS > maxSeconds) return { s: null, runs: 0, note: `skipped: one run would take ~${predicted.toFixed(0)} s` };
  let t0 = performance.now();
  await fn();
  const once = (performance.now() - t0) / 1e3;
  if (once * MIN_RUNS > maxSeconds) return { s: null, runs: 0, note: `skipped: one run takes ${once.toFixed(1)} s` };
  const n = Math.max(MIN_RUNS, Math.min(runs, Math.floor(maxSeconds / Math.max(once, 1e-9))));
  if (once < 1) await fn(); // a second warm-up when it is cheap
  const times = [];
  for (let i = 0; i < n; i++) {
    t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1e3);
  }
  times.sort((a, b) => a - b);
  return { s: times[times.length >> 1], runs: n, note: "" };
}

// GFLOP/s of the last matmul each peer ran, to predict the time of the next (larger) one.
let lastMatmulRate = 0;
function predictMatmul(n) {
  return lastMatmulRate > 0 ? (2 * n ** 3) / (lastMatmulRate * 1e9) : 0;
}
function recordMatmul(n, r) {
  if (r.s) lastMatmulRate = (2 * n ** 3) / r.s / 1e9;
  return { ...r, value: r.s ? (2 * n ** 3) / r.s / 1e9 : null };
}

async function tfjs(backend) {
  const tf = require("@tensorflow/tfjs");
  if (backend === "wasm") require("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} unavailable`);
  await tf.ready();
  const run = {
    async matmul(spec) {
      const n = spec.n;
      const a = tf.randomNormal([n, n]), b = tf.randomNormal([n, n]);
      const r = await medianSeconds(() => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); }, spec.runs, spec.maxSeconds, predictMatmul(n));
      return recordMatmul(n, r);
    },
    async "mlp-step"(spec) {
      // Linear(784,256) -> ReLU -> Linear(256,10), batch 64, softmax cross-entropy, SGD momentum 0.9.
      const w1 = tf.variable(tf.randomNormal([784, 256], 0, 0.05)), b1 = tf.variable(tf.zeros([256]));
      const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05)), b2 = tf.variable(tf.zeros([10]));
      const x = tf.randomNormal([64, 784]);
      const y = tf.oneHot(tf.randomUniform([64], 0, 10, "int32"), 10);
      const opt = tf.train.momentum(0.01, 0.9);
      const step = () => {
        const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.relu(x.matMul(w1).add(b1)).matMul(w2).add(b2)), true);
        loss.dataSync();
        loss.dispose();
      };
      const r = await medianSeconds(step, spec.runs, spec.maxSeconds);
      return { ...r, value: r.s ? r.s * 1e3 : null };
    },
  };
  return run;
}

function jsPytorch() {
  const { torch } = require("js-pytorch");
  return {
    async matmul(spec) {
      const n = spec.n;
      const a = torch.randn([n, n]), b = torch.randn([n, n]);
      const r = await medianSeconds(() => torch.matmul(a, b), spec.runs, spec.maxSeconds, predictMatmul(n));
      return recordMatmul(n, r);
    },
    async "mlp-step"(spec) {
      // js-pytorch has no SGD: Adam (as in ../../../shared/BENCHMARKS.md's table).
      class Mlp extends torch.nn.Module {
        constructor() { super(); this.l1 = new torch.nn.Linear(784, 256); this.relu = new torch.nn.ReLU(); this.l2 = new torch.nn.Linear(256, 10); }
        forward(x) { return this.l2.forward(this.relu.forward(this.l1.forward(x))); }
      }
      const model = new Mlp();
      const lossFn = new torch.nn.CrossEntropyLoss();
      const opt = new torch.optim.Adam(model.parameters(), 0.001);
      const x = torch.randn([64, 784]);
      const y = torch.randint(0, 10, [64]);
      const step = () => { opt.zero_grad(); const loss = lossFn.forward(model.forward(x), y); loss.backward(); opt.step(); };
      const r = await medianSeconds(step, spec.runs, spec.maxSeconds);
      return { ...r, value: r.s ? r.s * 1e3 : null, note: r.note || "Adam (no SGD in js-pytorch)" };
    },
  };
}

(async () => {
  const runners = peer === "js-pytorch" ? jsPytorch() : await tfjs(peer === "tfjs-wasm" ? "wasm" : "cpu");
  for (const spec of specs) {
    const fn = runners[spec.kind];
    if (!fn) { emit(spec.id, null, 0, "not supported by this peer"); continue; }
    try {
      const r = await fn(spec);
      emit(spec.id, r.value, r.runs, r.note);
    } catch (e) {
      emit(spec.id, null, 0, `failed: ${String(e && e.message ? e.message : e).split("\n")[0]}`);
    }
  }
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
