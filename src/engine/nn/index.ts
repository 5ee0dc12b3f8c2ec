// torch.nn: Module, Parameter, layers, containers, losses, and the `functional` and `init` namespaces.
export { Module, KeyError, AttributeError } from "./module";
export type { StateDict, ForwardHook, ForwardPreHook, RemovableHandle } from "./module";
export { Parameter } from "./parameter";
export { Identity, Linear } from "./layers/linear";
export { Conv2d } from "./layers/conv";
export { BatchNorm1d, BatchNorm2d, LayerNorm } from "./layers/norm";
export { ReLU, LeakyReLU, GELU, Sigmoid, Tanh, Softmax, LogSoftmax } from "./layers/activation";
export {
  Hardtanh, ReLU6, ELU, CELU, SELU, SiLU, Mish, Hardswish, Hardsigmoid, Softplus, Softsign, Tanhshrink, LogSigmoid,
  Threshold, PReLU, GLU, Hardshrink, Softshrink, Softmin, Softmax2d,
} from "./layers/activation_more";
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from "./layers/pooling";
export { Dropout, Flatten, Embedding } from "./layers/misc";
export { Sequential, ModuleList, ModuleDict } from "./layers/container";
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, SmoothL1Loss, BCELoss, BCEWithLogitsLoss } from "./layers/loss";
export {
  HuberLoss, KLDivLoss, HingeEmbeddingLoss, MultiMarginLoss, SoftMarginLoss, MultiLabelSoftMarginLoss, MarginRankingLoss, CosineEmbeddingLoss, TripletMarginLoss,
  PoissonNLLLoss, GaussianNLLLoss, CosineSimilarity, PairwiseDistance,
} from "./layers/loss_more";
export { RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell } from "./layers/rnn";
export {
  NonDynamicallyQuantizableLinear, MultiheadAttention, TransformerEncoderLayer, TransformerEncoder, TransformerDecoderLayer, TransformerDecoder, Transformer,
} from "./layers/transformer";
export { Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d, AdaptiveMaxPool2d } from "./layers/onedim";
export {
  Unflatten, PixelShuffle, PixelUnshuffle, Upsample, ConstantPad1d, ConstantPad2d, ZeroPad2d, ReflectionPad1d, ReflectionPad2d,
  ReplicationPad1d, ReplicationPad2d, Dropout1d, Dropout2d,
} from "./layers/shape_more";
export { GroupNorm, InstanceNorm1d, InstanceNorm2d } from "./layers/norm_more";
export { ParameterList, ParameterDict } from "./layers/param_containers";
export { ConvTranspose2d } from "./layers/transposed_conv";
export { Bilinear } from "./layers/bilinear";
export { Unfold, Fold } from "./layers/fold";
export * as functional from "./functional";
export * as init from "./init";
export * as utils from "./utils";
