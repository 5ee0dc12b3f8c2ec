// The torch.optim.lr_scheduler namespace: the original schedulers and the added ones.
export * from "./lr_scheduler";
export * from "./lr_scheduler_more";
