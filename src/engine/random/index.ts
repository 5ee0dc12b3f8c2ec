// PyTorch's CPU random numbers, bit for bit: the generator and the sampling kernels.
export { Generator, defaultGenerator, DEFAULT_RNG_SEED, STATE_BYTES, nondeterministicSeed } from "./generator";
export type { Seed } from "./generator";
export {
  uniform, normal, randint, randomFull, randperm, bernoulliScalar, bernoulliTensor, dropoutNoise,
} from "./distributions";
export type { FloatDType, RandomDType, RandomArray } from "./distributions";
