// PyTorch's CPU random numbers, bit for bit (PyTorch 1.13, AVX2 kernels, no MKL: the oracle).
// Which function serves which PyTorch call (n = numel, values in row-major order):
//   torch.rand / Tensor.uniform_(a, b) / nn.init.uniform_, kaiming_uniform_, xavier_uniform_
//                                       → uniform(gen, n, a, b, dtype)
//   torch.randn / Tensor.normal_(m, s) / nn.init.normal_, kaiming_normal_, xavier_normal_
//                                       → normal(gen, n, m, s, dtype)   (pass contiguous=false
//                                         for a strided view: PyTorch then uses the scalar path)
//   torch.randint / Tensor.random_(lo, hi) → randint(gen, n, lo, hi, dtype)
//   Tensor.random_()                     → randomFull(gen, n, dtype)
//   torch.randperm                       → randperm(gen, n)
//   Tensor.bernoulli_(p), torch.bernoulli(t, p) → bernoulliScalar(gen, n, p, dtype)
//   torch.bernoulli(probs), Tensor.bernoulli_(probs) → bernoulliTensor(gen, probs, dtype)
//   F.dropout / nn.Dropout (training)    → x * dropoutNoise(gen, n, p, dtype)
// torch.manual_seed(s) is defaultGenerator.manual_seed(s); torch.get_rng_state() is
// defaultGenerator.get_state() (PyTorch's 5056-byte layout).
export { Generator, defaultGenerator, DEFAULT_RNG_SEED, STATE_BYTES, nondeterministicSeed } from "./generator";
export type { Seed } from "./generator";
export {
  uniform, normal, randint, randomFull, randperm, bernoulliScalar, bernoulliTensor, dropoutNoise,
} from "./distributions";
export type { FloatDType, RandomDType, RandomArray } from "./distributions";
