// torch.utils.data as user files see it: `torch.utils.data.DataLoader`, `TensorDataset`, ...
export { Dataset, IterableDataset, ChainDataset, TensorDataset, Subset, ConcatDataset, random_split, getItem, lenOf } from "./dataset";
export type { DatasetLike } from "./dataset";
export { Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, BatchSampler, WeightedRandomSampler } from "./sampler";
export { DataLoader } from "./dataloader";
export type { DataLoaderOptions } from "./dataloader";
export { default_collate } from "./collate";

/** get_worker_info(): null in the main process, which is where every DataLoader here runs. */
export function get_worker_info(): null { return null; }
export type { Collated } from "./collate";
