// torch.utils.data as user files see it: `torch.utils.data.DataLoader`, `TensorDataset`, ...
export { Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset, random_split, getItem, lenOf } from "./dataset";
export type { DatasetLike } from "./dataset";
export { Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, BatchSampler, WeightedRandomSampler } from "./sampler";
export { DataLoader } from "./dataloader";
export type { DataLoaderOptions } from "./dataloader";
export { default_collate } from "./collate";
export type { Collated } from "./collate";
