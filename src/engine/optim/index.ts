// torch.optim: SGD, Adam, AdamW, RMSprop, Adagrad and lr_scheduler, with PyTorch's update rules.
export { Optimizer } from "./optimizer";
export type { OptimizerStateDict, ParamGroup, GroupInput } from "./optimizer";
export { SGD } from "./sgd";
export { Adam, AdamW } from "./adam";
export { RMSprop, Adagrad } from "./rmsprop";
export * as lr_scheduler from "./lr_scheduler_all";
export { Adadelta } from "./adadelta";
export { Adamax } from "./adamax";
export { NAdam } from "./nadam";
export { RAdam } from "./radam";
export { ASGD } from "./asgd";
export { LBFGS } from "./lbfgs";
