// Layered (Sugiyama-style) layout of a directed graph, written for speed on plain typed arrays:
//   1. cycle removal (DFS back edges are reversed; autograd graphs are DAGs, this is a guard),
//   2. longest-path layering measured from the sinks, so every node sits as low as it can,
//      i.e. right above its consumer (a weight's AccumulateGrad sits beside the op that uses it,
//      not at the very top as source-rooted longest path would put it),
//   3. dummy nodes split edges that span several layers,
//   4. crossing reduction by barycenter sweeps, keeping the best ordering by crossing count,
//   5. coordinate assignment: repeated "pull toward the neighbours' mean" passes, each solved
//      exactly per layer as an isotonic regression with minimum gaps (pool adjacent violators),
//      so order and spacing are kept while edges straighten.
// No DOM here: the layout worker and node unit tests both import this file.

export interface LayoutInput {
  /** Node sizes, by node index. */
  widths: ArrayLike<number>;
  heights: ArrayLike<number>;
  /** Edges as index pairs [from0, to0, from1, to1, ...]; `from` is drawn above `to`. */
  edges: ArrayLike<number>;
  nodeSep?: number;
  rankSep?: number;
  /** Barycenter sweep pairs (down + up). */
  sweeps?: number;
}

export interface LayoutResult {
  /** Node centres. */
  x: Float64Array;
  y: Float64Array;
  layer: Int32Array;
  /** Per input edge: a polyline [x0, y0, x1, y1, ...] from the source's bottom to the target's top. */
  edgePoints: Float64Array[];
  width: number;
  height: number;
  /** Edge crossings left after ordering (for tests and reports). */
  crossings: number;
  layers: number;
  /** Dummy nodes inserted for long edges. */
  dummies: number;
}

/** Compressed adjacency: neighbours of v are adj[start[v] .. start[v+1]). */
interface Csr {
  start: Int32Array;
  adj: Int32Array;
}

function csr(n: number, from: ArrayLike<number>, to: ArrayLike<number>, m: number): Csr {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[from[i] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const adj = new Int32Array(m);
  for (let i = 0; i < m; i++) adj[fill[from[i]]++] = to[i];
  return { start, adj };
}

/** Marks edges that close a cycle (DFS back edges); iterative so deep graphs cannot overflow the stack. */
function backEdges(n: number, src: Int32Array, dst: Int32Array): Uint8Array {
  const m = src.length;
  const out = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) out[src[i] + 1]++;
  for (let v = 0; v < n; v++) out[v + 1] += out[v];
  const fill = out.slice(0, n);
  const eid = new Int32Array(m);
  for (let i = 0; i < m; i++) eid[fill[src[i]]++] = i;
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Uint8Array(m);
  const stackV = new Int32Array(n);
  const stackI = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    let sp = 0;
    stackV[0] = root;
    stackI[0] = out[root];
    state[root] = 1;
    while (sp >= 0) {
      const v = stackV[sp];
      if (stackI[sp] < out[v + 1]) {
        const e = eid[stackI[sp]++];
        const w = dst[e];
        if (state[w] === 1) back[e] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          sp++;
          stackV[sp] = w;
          stackI[sp] = out[w];
        }
      } else {
        state[v] = 2;
        sp--;
      }
    }
  }
  return back;
}

/** Longest-path layering from the sources (Kahn's order): every node right under its lowest input. */
function sourceLayering(n: number, src: Int32Array, dst: Int32Array): Int32Array {
  const m = src.length;
  const inDeg = new Int32Array(n);
  for (let i = 0; i < m; i++) inDeg[dst[i]]++;
  const succ = csr(n, src, dst, m);
  const layer = new Int32Array(n);
  const queue = new Int32Array(n);
  let qh = 0;
  let qt = 0;
  for (let v = 0; v < n; v++) if (inDeg[v] === 0) queue[qt++] = v;
  while (qh < qt) {
    const v = queue[qh++];
    for (let k = succ.start[v]; k < succ.start[v + 1]; k++) {
      const w = succ.adj[k];
      if (layer[v] + 1 > layer[w]) layer[w] = layer[v] + 1;
      if (--inDeg[w] === 0) queue[qt++] = w;
    }
  }
  return layer;
}

/**
 * Layering. Longest path from the sources is compact for autograd graphs, but it puts every
 * leaf (a weight's AccumulateGrad) in the top row, far from the op that uses it. Greedy fix in
 * the spirit of network simplex: bottom-up, a node with at least as many outputs as inputs moves down to
 * right above its highest consumer; moving down never breaks an edge, since every consumer is
 * below. Then the same top-down for nodes with more inputs than outputs, which pulls dangling
 * results up under their inputs.
 */
function layering(n: number, src: Int32Array, dst: Int32Array): Int32Array {
  const layer = sourceLayering(n, src, dst);
  const m = src.length;
  const inDeg = new Int32Array(n);
  const outDeg = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    outDeg[src[i]]++;
    inDeg[dst[i]]++;
  }
  const succ = csr(n, src, dst, m);
  const preds = csr(n, dst, src, m);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => layer[b] - layer[a]);
  for (const v of order) {
    // `>=`: a chain hanging off a source (weight -> TBackward0 -> consumer) slides down as a whole.
    if (outDeg[v] === 0 || outDeg[v] < inDeg[v]) continue;
    let low = Infinity;
    for (let k = succ.start[v]; k < succ.start[v + 1]; k++) low = Math.min(low, layer[succ.adj[k]]);
    if (low - 1 > layer[v]) layer[v] = low - 1;
  }
  order.reverse();
  for (const v of order) {
    if (inDeg[v] === 0 || inDeg[v] <= outDeg[v]) continue;
    let top = -1;
    for (let k = preds.start[v]; k < preds.start[v + 1]; k++) top = Math.max(top, layer[preds.adj[k]]);
    if (top + 1 < layer[v]) layer[v] = top + 1;
  }
  // Rows left empty by the moves are dropped.
  let maxL = 0;
  for (let v = 0; v < n; v++) maxL = Math.max(maxL, layer[v]);
  const used = new Int32Array(maxL + 2);
  for (let v = 0; v < n; v++) used[layer[v] + 1] = 1;
  for (let l = 1; l <= maxL + 1; l++) used[l] += used[l - 1];
  for (let v = 0; v < n; v++) layer[v] = used[layer[v]];
  return layer;
}

/** Crossings between two adjacent layers, counted as inversions with a Fenwick tree. */
function crossingsBetween(upper: Int32Array, pos: Int32Array, down: Csr, lowerSize: number, tree: Int32Array): number {
  const pairs: number[] = [];
  for (const u of upper) for (let k = down.start[u]; k < down.start[u + 1]; k++) pairs.push(pos[down.adj[k]]);
  // `upper` is in order and each node's targets are pushed in adjacency order: sort targets per source.
  let count = 0;
  tree.fill(0, 0, lowerSize + 1);
  let seen = 0;
  let i = 0;
  for (const u of upper) {
    const a = i;
    const b = i + (down.start[u + 1] - down.start[u]);
    const seg = pairs.slice(a, b).sort((p, q) => p - q);
    for (const p of seg) {
      // edges already added whose target is right of p cross this one
      let le = 0;
      for (let j = p + 1; j > 0; j -= j & -j) le += tree[j];
      count += seen - le;
    }
    for (const p of seg) {
      for (let j = p + 1; j <= lowerSize; j += j & -j) tree[j]++;
      seen++;
    }
    i = b;
  }
  return count;
}

function totalCrossings(layers: Int32Array[], pos: Int32Array, down: Csr, tree: Int32Array): number {
  let c = 0;
  for (let l = 0; l + 1 < layers.length; l++) c += crossingsBetween(layers[l], pos, down, layers[l + 1].length, tree);
  return c;
}

/** Reorders one layer by the mean position of its neighbours in `nb`; nodes without neighbours keep their place. */
function sortByBarycenter(layerNodes: Int32Array, pos: Int32Array, nb: Csr, key: Float64Array): void {
  for (const v of layerNodes) {
    const s = nb.start[v];
    const e = nb.start[v + 1];
    if (s === e) {
      key[v] = pos[v];
      continue;
    }
    let sum = 0;
    for (let k = s; k < e; k++) sum += pos[nb.adj[k]];
    key[v] = sum / (e - s);
  }
  const arr = Array.from(layerNodes);
  arr.sort((a, b) => key[a] - key[b] || pos[a] - pos[b]);
  for (let i = 0; i < arr.length; i++) {
    layerNodes[i] = arr[i];
    pos[arr[i]] = i;
  }
}

/**
 * Weighted isotonic regression with minimum gaps: minimise Σ w(x - d)² subject to
 * x[i+1] - x[i] ≥ gap[i]. Substituting y = x - (cumulative gap) makes it plain isotonic
 * regression, solved in linear time by pooling adjacent violators.
 */
function placeRow(d: Float64Array, w: Float64Array, gap: Float64Array, n: number, out: Float64Array): void {
  const offs = new Float64Array(n);
  for (let i = 1; i < n; i++) offs[i] = offs[i - 1] + gap[i - 1];
  const bv = new Float64Array(n); // block value
  const bw = new Float64Array(n); // block weight
  const bs = new Int32Array(n); // block start
  let nb = 0;
  for (let i = 0; i < n; i++) {
    bv[nb] = d[i] - offs[i];
    bw[nb] = w[i];
    bs[nb] = i;
    nb++;
    while (nb > 1 && bv[nb - 2] > bv[nb - 1]) {
      const tw = bw[nb - 2] + bw[nb - 1];
      bv[nb - 2] = (bv[nb - 2] * bw[nb - 2] + bv[nb - 1] * bw[nb - 1]) / tw;
      bw[nb - 2] = tw;
      nb--;
    }
  }
  for (let b = 0; b < nb; b++) {
    const end = b + 1 < nb ? bs[b + 1] : n;
    for (let i = bs[b]; i < end; i++) out[i] = bv[b] + offs[i];
  }
}

export function layout(input: LayoutInput): LayoutResult {
  const n0 = input.widths.length;
  const nodeSep = input.nodeSep ?? 24;
  const rankSep = input.rankSep ?? 40;
  const sweeps = input.sweeps ?? 4;
  const m0 = input.edges.length >> 1;

  // Edge list without self loops; cycles broken by reversing back edges.
  let src = new Int32Array(m0);
  let dst = new Int32Array(m0);
  const keep: number[] = [];
  for (let i = 0; i < m0; i++) {
    const a = input.edges[2 * i];
    const b = input.edges[2 * i + 1];
    if (a === b || a < 0 || b < 0 || a >= n0 || b >= n0) continue;
    src[keep.length] = a;
    dst[keep.length] = b;
    keep.push(i);
  }
  src = src.slice(0, keep.length);
  dst = dst.slice(0, keep.length);
  const reversed = backEdges(n0, src, dst);
  for (let i = 0; i < src.length; i++) {
    if (reversed[i]) {
      const t = src[i];
      src[i] = dst[i];
      dst[i] = t;
    }
  }
  const realLayer = layering(n0, src, dst);
  let nLayers = 0;
  for (let v = 0; v < n0; v++) nLayers = Math.max(nLayers, realLayer[v] + 1);

  // Dummy nodes: chains through every layer a long edge crosses.
  let dummyCount = 0;
  for (let i = 0; i < src.length; i++) dummyCount += realLayer[dst[i]] - realLayer[src[i]] - 1;
  const n = n0 + dummyCount;
  const layerOf = new Int32Array(n);
  layerOf.set(realLayer);
  const width = new Float64Array(n);
  const height = new Float64Array(n);
  for (let v = 0; v < n0; v++) {
    width[v] = input.widths[v];
    height[v] = input.heights[v];
  }
  const segFrom: number[] = [];
  const segTo: number[] = [];
  const chainStart = new Int32Array(src.length); // first dummy id of each edge's chain (or -1)
  let next = n0;
  for (let i = 0; i < src.length; i++) {
    const span = realLayer[dst[i]] - realLayer[src[i]];
    if (span <= 1) {
      chainStart[i] = -1;
      segFrom.push(src[i]);
      segTo.push(dst[i]);
      continue;
    }
    chainStart[i] = next;
    let prev = src[i];
    for (let l = realLayer[src[i]] + 1; l < realLayer[dst[i]]; l++) {
      layerOf[next] = l;
      width[next] = 2;
      segFrom.push(prev);
      segTo.push(next);
      prev = next++;
    }
    segFrom.push(prev);
    segTo.push(dst[i]);
  }
  const ms = segFrom.length;
  const down = csr(n, segFrom, segTo, ms);
  const up = csr(n, segTo, segFrom, ms);

  // Initial order: depth-first from the bottom (outputs), so subtrees feeding one node stay together.
  const layerSize = new Int32Array(nLayers);
  for (let v = 0; v < n; v++) layerSize[layerOf[v]]++;
  const layers: Int32Array[] = [];
  for (let l = 0; l < nLayers; l++) layers.push(new Int32Array(layerSize[l]));
  const fillL = new Int32Array(nLayers);
  const pos = new Int32Array(n);
  const visited = new Uint8Array(n);
  const stack: number[] = [];
  const place = (v: number): void => {
    visited[v] = 1;
    const l = layerOf[v];
    pos[v] = fillL[l];
    layers[l][fillL[l]++] = v;
  };
  const dfs = (v: number): void => {
    stack.push(v);
    while (stack.length) {
      const x = stack.pop() as number;
      if (visited[x]) continue;
      place(x);
      for (let k = up.start[x + 1] - 1; k >= up.start[x]; k--) if (!visited[up.adj[k]]) stack.push(up.adj[k]);
    }
  };
  // Sinks first (in id order), then anything left unvisited.
  for (let v = 0; v < n; v++) if (!visited[v] && down.start[v] === down.start[v + 1]) dfs(v);
  for (let v = 0; v < n; v++) if (!visited[v]) dfs(v);

  const tree = new Int32Array(n + 2);
  const key = new Float64Array(n);
  let best = totalCrossings(layers, pos, down, tree);
  let bestOrder = layers.map((a) => a.slice());
  for (let s = 0; s < sweeps && best > 0; s++) {
    for (let l = 1; l < nLayers; l++) sortByBarycenter(layers[l], pos, up, key);
    for (let l = nLayers - 2; l >= 0; l--) sortByBarycenter(layers[l], pos, down, key);
    const c = totalCrossings(layers, pos, down, tree);
    if (c < best) {
      best = c;
      bestOrder = layers.map((a) => a.slice());
    }
  }
  for (let l = 0; l < nLayers; l++) {
    layers[l] = bestOrder[l];
    for (let i = 0; i < layers[l].length; i++) pos[layers[l][i]] = i;
  }

  // Coordinates: pack each layer, then pull nodes toward their neighbours' mean x.
  const x = new Float64Array(n);
  for (const row of layers) {
    let cur = 0;
    for (const v of row) {
      x[v] = cur + width[v] / 2;
      cur += width[v] + nodeSep;
    }
    const shift = cur / 2;
    for (const v of row) x[v] -= shift;
  }
  const maxRow = Math.max(1, ...layerSize);
  const d = new Float64Array(maxRow);
  const w = new Float64Array(maxRow);
  const gap = new Float64Array(maxRow);
  const res = new Float64Array(maxRow);
  const pull = (row: Int32Array, nbs: Csr[]): void => {
    const k = row.length;
    for (let i = 0; i < k; i++) {
      const v = row[i];
      let sum = 0;
      let cnt = 0;
      for (const nb of nbs) {
        for (let e = nb.start[v]; e < nb.start[v + 1]; e++) {
          sum += x[nb.adj[e]];
          cnt++;
        }
      }
      d[i] = cnt ? sum / cnt : x[v];
      // Dummies weigh more so long edges run straight; neighbour-less nodes barely pull.
      w[i] = (v >= n0 ? 4 : 1) * (cnt ? 1 : 0.05);
      if (i + 1 < k) {
        const u = row[i + 1];
        gap[i] = (width[v] + width[u]) / 2 + (v >= n0 && u >= n0 ? nodeSep / 3 : nodeSep);
      }
    }
    placeRow(d, w, gap, k, res);
    for (let i = 0; i < k; i++) x[row[i]] = res[i];
  };
  for (let it = 0; it < 4; it++) {
    for (let l = 1; l < nLayers; l++) pull(layers[l], [up]);
    for (let l = nLayers - 2; l >= 0; l--) pull(layers[l], [down]);
  }
  for (let it = 0; it < 2; it++) for (let l = 0; l < nLayers; l++) pull(layers[l], [up, down]);

  // y from layer heights; shift everything to start at (0, 0).
  const rowH = new Float64Array(nLayers);
  for (let v = 0; v < n; v++) rowH[layerOf[v]] = Math.max(rowH[layerOf[v]], height[v]);
  const rowY = new Float64Array(nLayers);
  let yCur = 0;
  for (let l = 0; l < nLayers; l++) {
    rowY[l] = yCur + rowH[l] / 2;
    yCur += rowH[l] + rankSep;
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < n; v++) {
    minX = Math.min(minX, x[v] - width[v] / 2);
    maxX = Math.max(maxX, x[v] + width[v] / 2);
  }
  if (n === 0) minX = maxX = 0;
  const xs = new Float64Array(n0);
  const ys = new Float64Array(n0);
  for (let v = 0; v < n0; v++) {
    xs[v] = x[v] - minX;
    ys[v] = rowY[layerOf[v]];
  }

  const edgePoints: Float64Array[] = new Array(m0);
  for (let i = 0; i < m0; i++) edgePoints[i] = new Float64Array(0);
  for (let i = 0; i < src.length; i++) {
    const a = src[i];
    const b = dst[i];
    const span = realLayer[b] - realLayer[a];
    const pts = new Float64Array(2 * (span + 1));
    pts[0] = x[a] - minX;
    pts[1] = rowY[realLayer[a]] + height[a] / 2;
    for (let j = 1; j < span; j++) {
      const dv = chainStart[i] + j - 1;
      pts[2 * j] = x[dv] - minX;
      pts[2 * j + 1] = rowY[layerOf[dv]];
    }
    pts[2 * span] = x[b] - minX;
    pts[2 * span + 1] = rowY[realLayer[b]] - height[b] / 2;
    if (reversed[i]) {
      // Report the polyline in the caller's direction.
      const r = new Float64Array(pts.length);
      for (let j = 0; j < pts.length; j += 2) {
        r[pts.length - 2 - j] = pts[j];
        r[pts.length - 1 - j] = pts[j + 1];
      }
      edgePoints[keep[i]] = r;
    } else edgePoints[keep[i]] = pts;
  }
  return {
    x: xs,
    y: ys,
    layer: realLayer,
    edgePoints,
    width: maxX - minX,
    height: Math.max(0, yCur - rankSep),
    crossings: best,
    dummies: dummyCount,
    layers: nLayers,
  };
}
