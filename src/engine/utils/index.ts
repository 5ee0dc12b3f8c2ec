// torch.utils: the `data` namespace (Dataset, DataLoader, samplers, random_split).
export * as data from "./data";
