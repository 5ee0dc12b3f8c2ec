// Maps the lines of the source a run executed onto the document as it is now, so that
// recorded values follow edits: a line that is unchanged keeps its values at its new line
// number; a line that was edited is paired with the line that replaced it and its values are
// *stale* (shown, but never as current); a deleted line's values have nowhere to go.
//
// The diff is a plain LCS over whole lines after trimming the common prefix and suffix, which
// is all a typing user produces; a huge rewrite (more than MAX_CELLS of table) is treated as
// one replaced block, i.e. everything in it goes stale.

/** Where a line ended up on the other side; `stale` means it was edited, not kept. */
export interface LinePlace {
  line: number; // 0-based
  stale: boolean;
}

export interface LineMap {
  /** For each line of the run's source (0-based): its place in the current text, or null when deleted. */
  readonly oldToNew: readonly (LinePlace | null)[];
  /** For each current line: the run's line it shows (stale when edited), or null for an inserted line. */
  readonly newToOld: readonly (LinePlace | null)[];
  /** True when nothing changed. */
  readonly identical: boolean;
}

const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The map between the run's source and the current text. */
export function mapLines(oldText: string, newText: string): LineMap {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const oldToNew: (LinePlace | null)[] = new Array<LinePlace | null>(a.length).fill(null);
  const newToOld: (LinePlace | null)[] = new Array<LinePlace | null>(b.length).fill(null);
  const keep = (i: number, j: number): void => {
    oldToNew[i] = { line: j, stale: false };
    newToOld[j] = { line: i, stale: false };
  };

  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) keep(pre, pre++);
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    keep(a.length - 1 - suf, b.length - 1 - suf);
    suf++;
  }
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n === 0 && m === 0) return { oldToNew, newToOld, identical: true };

  // Replaced blocks: old [oi, oEnd) became new [nj, nEnd); pair them line by line as stale.
  const replaced = (oi: number, oEnd: number, nj: number, nEnd: number): void => {
    for (let k = 0; oi + k < oEnd && nj + k < nEnd; k++) {
      oldToNew[oi + k] = { line: nj + k, stale: true };
      newToOld[nj + k] = { line: oi + k, stale: true };
    }
  };

  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    replaced(pre, pre + n, pre, pre + m);
    return { oldToNew, newToOld, identical: false };
  }

  // Lines as small integers, so the table compares numbers, not strings.
  const ids = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  const ai = Int32Array.from({ length: n }, (_, i) => idOf(a[pre + i]));
  const bi = Int32Array.from({ length: m }, (_, j) => idOf(b[pre + j]));
  // lcs[i][j] = LCS length of the middles' suffixes from i and j, row-major in one array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = ai[i] === bi[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  let hunkI = 0;
  let hunkJ = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ai[i] === bi[j]) {
      replaced(pre + hunkI, pre + i, pre + hunkJ, pre + j);
      keep(pre + i, pre + j);
      i++;
      j++;
      hunkI = i;
      hunkJ = j;
    } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      j++;
    } else {
      i++;
    }
  }
  replaced(pre + hunkI, pre + n, pre + hunkJ, pre + m);
  return { oldToNew, newToOld, identical: false };
}

/** The identity map for a text that has not changed since the run. */
export function identityMap(lineCount: number): LineMap {
  const same = Array.from({ length: lineCount }, (_, line) => ({ line, stale: false }));
  return { oldToNew: same, newToOld: same, identical: true };
}

/**
 * Where a recorded span (1-based lines of the run's source) shows now: at its last line's new
 * place when that line survived, else at its first line's. Stale when any of its lines was
 * edited or deleted.
 */
export function placeSpan(map: LineMap, startLine1: number, endLine1: number): LinePlace | null {
  let stale = false;
  for (let l = startLine1; l <= endLine1; l++) {
    const p = map.oldToNew[l - 1];
    if (!p || p.stale) stale = true;
  }
  const at = map.oldToNew[endLine1 - 1] ?? map.oldToNew[startLine1 - 1];
  return at ? { line: at.line, stale: stale || at.stale } : null;
}

/**
 * The run's line (0-based) that the current line `line` corresponds to, for lookups "at or
 * before this point": an inserted line borrows the nearest line above it that has an origin.
 */
export function originOf(map: LineMap, line: number): LinePlace | null {
  for (let l = Math.min(line, map.newToOld.length - 1); l >= 0; l--) {
    const p = map.newToOld[l];
    if (p) return p;
  }
  return null;
}
