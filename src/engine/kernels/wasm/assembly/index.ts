// Entry point of the kernels' WebAssembly module: every export the JS side calls.
export { sgemm, gemmScratchBytes, addRow } from "./gemm";
export { convGeometry, im2col, col2im } from "./im2col";
export { binaryOp, scalarOp, relu, reluBackward, sumValue, maxValue, kahanColumnSums } from "./elementwise";
export { sgdStep, hasFusedMadd } from "./optim";
export { sgemmDotNT, sgemmSplatNN, setSplatChunk, transpose } from "./conv_skinny";
