// torch.Generator for the CPU: ATen's CPUGeneratorImpl (mt19937 plus the cached second
// Box-Muller sample), with get_state()/set_state() in PyTorch's own 5056-byte layout so a state
// saved by torch.get_rng_state() loads here and vice versa.
import { MT19937, MT_STATE_N } from "./mt19937";

export type Seed = number | bigint;

/** What `torch.Generator()` starts from (c10's default_rng_seed_val). */
export const DEFAULT_RNG_SEED = 67280421310721n;

/** sizeof(CPUGeneratorImplState): the legacy TH state plus the float normal cache. */
export const STATE_BYTES = 5056;

const TWO_64 = 1n << 64n;

/** Python int → uint64 as PyTorch unpacks it: negatives wrap, beyond 64 bits overflow. */
function toUint64(seed: Seed): bigint {
  let s: bigint;
  if (typeof seed === "bigint") s = seed;
  else {
    if (!Number.isFinite(seed)) throw new TypeError(`manual_seed expected an integer, got ${seed}`);
    s = BigInt(Math.trunc(seed)); // Python's int(1.5) == 1
  }
  if (s < -(1n << 63n) || s >= TWO_64) throw new RangeError("Overflow when unpacking long");
  return BigInt.asUintN(64, s);
}

/** A fresh 64-bit seed from the OS (PyTorch reads /dev/urandom). */
export function nondeterministicSeed(): bigint {
  const words = new Uint32Array(2);
  const c = (globalThis as { crypto?: { getRandomValues(a: Uint32Array): Uint32Array } }).crypto;
  if (c) c.getRandomValues(words);
  else for (let i = 0; i < 2; i++) words[i] = Math.floor(Math.random() * 4294967296);
  return (BigInt(words[0]) << 32n) | BigInt(words[1]);
}

export class Generator {
  private readonly engine: MT19937;
  /** Cached sin-half of the scalar (double) Box-Muller; null when empty. */
  nextDoubleNormal: number | null = null;
  /** Float cache: part of PyTorch's state, unused by its CPU kernels; kept for get/set_state. */
  nextFloatNormal: number | null = null;

  constructor(seed: Seed = DEFAULT_RNG_SEED) {
    this.engine = new MT19937(toUint64(seed));
  }

  /** Reseed (torch.manual_seed / Generator.manual_seed): also empties the normal caches. */
  manual_seed(seed: Seed): this {
    this.engine.reseed(toUint64(seed));
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** Reseed nondeterministically and return the seed used. */
  seed(): bigint {
    const s = nondeterministicSeed();
    this.manual_seed(s);
    return s;
  }

  /** The 64-bit seed last given (torch.initial_seed()). */
  initial_seed(): bigint {
    return this.engine.seed;
  }

  /** The next uint32 (CPUGeneratorImpl::random). */
  random(): number {
    return this.engine.nextUint32();
  }

  /** dst[at .. at+count) = the next `count` values of random(), in order (one call, not count). */
  fillRandom(dst: Uint32Array, at: number, count: number): void {
    this.engine.fill(dst, at, count);
  }

  /** The next uint64 from two draws, first one high (CPUGeneratorImpl::random64). */
  random64(): bigint {
    const hi = this.engine.nextUint32();
    const lo = this.engine.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** random64() & (2^53 - 1) as an exact number, without a BigInt (the double uniform's bits). */
  random53(): number {
    const hi = this.engine.nextUint32();
    const lo = this.engine.nextUint32();
    return (hi & 0x1fffff) * 4294967296 + lo;
  }

  /** The state as torch.get_rng_state() returns it (a ByteTensor's bytes). */
  get_state(): Uint8Array {
    const bytes = new Uint8Array(STATE_BYTES);
    const v = new DataView(bytes.buffer);
    const e = this.engine;
    v.setBigUint64(0, e.seed, true); // the_initial_seed
    v.setInt32(8, e.left, true);
    v.setInt32(12, 1, true); // seeded
    v.setBigUint64(16, BigInt(e.next), true);
    for (let i = 0; i < MT_STATE_N; i++) v.setUint32(24 + 8 * i, e.state[i], true); // uint64 slots
    // normal_x (5016) and normal_rho (5032) are dummies; normal_y and normal_is_valid hold the cache.
    if (this.nextDoubleNormal !== null) {
      v.setFloat64(5024, this.nextDoubleNormal, true);
      v.setInt32(5040, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      v.setFloat32(5048, this.nextFloatNormal, true);
      bytes[5052] = 1;
    }
    return bytes;
  }

  /** Restore a state from get_state() (ours or PyTorch's torch.get_rng_state()). */
  set_state(bytes: Uint8Array): this {
    if (bytes.length !== STATE_BYTES) {
      throw new RangeError(`Expected a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${bytes.length}`);
    }
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const left = v.getInt32(8, true);
    const seeded = v.getInt32(12, true);
    const next = Number(v.getBigUint64(16, true) & 0xffffffffn);
    if (seeded === 0 || left <= 0 || left > MT_STATE_N || next > MT_STATE_N) throw new Error("Invalid mt19937 state");
    const e = this.engine;
    e.seed = v.getBigUint64(0, true);
    e.left = left;
    e.next = next;
    for (let i = 0; i < MT_STATE_N; i++) e.state[i] = v.getUint32(24 + 8 * i, true);
    this.nextDoubleNormal = v.getInt32(5040, true) !== 0 ? v.getFloat64(5024, true) : null;
    this.nextFloatNormal = bytes[5052] !== 0 ? v.getFloat32(5048, true) : null;
    return this;
  }
}

/** The generator torch.manual_seed() seeds; like PyTorch's, it starts from a random seed. */
export const defaultGenerator = new Generator(nondeterministicSeed());
