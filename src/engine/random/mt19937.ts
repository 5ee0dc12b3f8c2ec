// The Mersenne Twister exactly as ATen's at::mt19937 (MT19937RNGEngine.h): seeded from the low
// 32 bits of a 64-bit seed, with the state regenerated lazily when `left` reaches zero.

const N = 624;
const M = 397;
// NOTE: constants above 2^31 are written as int32 (`| 0`): as plain numbers they are doubles to
// V8, which then does the bitwise operations below through float conversions, ~10x slower.
const MATRIX_A = 0x9908b0df | 0;
const UMASK = 0x80000000 | 0;
const LMASK = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;

export const MT_STATE_N = N;

export class MT19937 {
  /** The full 64-bit seed as given (PyTorch reports it back from initial_seed()). */
  seed = 0n;
  readonly state = new Uint32Array(N);
  left = 1;
  next = 0;

  constructor(seed: bigint = 5489n) {
    this.reseed(seed);
  }

  reseed(seed: bigint): void {
    this.seed = seed;
    const s = this.state;
    s[0] = Number(seed & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = s[j - 1] ^ (s[j - 1] >>> 30);
      // 1812433253 * prev + j mod 2^32, without losing bits in a double.
      s[j] = (Math.imul(1812433253, prev) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  private nextState(): void {
    const s = this.state;
    this.left = N;
    this.next = 0;
    // mag01[y & 1] of the reference code as -(y & 1) & MATRIX_A: no branch, no double.
    let k = 0;
    for (; k < N - M; k++) {
      const y = (s[k] & UMASK) | (s[k + 1] & LMASK);
      s[k] = s[k + M] ^ (y >>> 1) ^ (-(s[k + 1] & 1) & MATRIX_A);
    }
    for (; k < N - 1; k++) {
      const y = (s[k] & UMASK) | (s[k + 1] & LMASK);
      s[k] = s[k + M - N] ^ (y >>> 1) ^ (-(s[k + 1] & 1) & MATRIX_A);
    }
    const y = (s[N - 1] & UMASK) | (s[0] & LMASK);
    s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(s[0] & 1) & MATRIX_A);
  }

  /**
   * dst[at .. at+count) = the next `count` uint32 outputs, exactly as `count` calls of
   * nextUint32() would return them and leaving the same state; for the bulk samplers, which
   * would otherwise pay a call and a state write-back per number.
   */
  fill(dst: Uint32Array, at: number, count: number): void {
    const s = this.state;
    let i = at;
    const end = at + count;
    while (i < end) {
      // nextUint32 regenerates when `left` drops to 0, so left - 1 outputs remain before that.
      if (this.left === 1) {
        this.nextState();
        this.left = N + 1; // the first output below takes it to N, as nextUint32 leaves it
      }
      const take = Math.min(this.left - 1, end - i);
      let k = this.next;
      const stop = i + take;
      for (; i < stop; i++) {
        let y = s[k++];
        y ^= y >>> 11;
        y ^= (y << 7) & TEMPER_B;
        y ^= (y << 15) & TEMPER_C;
        y ^= y >>> 18;
        dst[i] = y;
      }
      this.next = k;
      this.left -= take;
    }
  }

  /** The next uint32. */
  nextUint32(): number {
    if (--this.left === 0) this.nextState();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & TEMPER_B;
    y ^= (y << 15) & TEMPER_C;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
