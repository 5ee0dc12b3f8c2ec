// Every workload `npm run bench` runs, in order. Add a workload file here.
import { matmulWorkloads } from "./matmul";
import { mlpWorkloads } from "./mlp";
import { resnetWorkloads } from "./resnet";
import type { Workload } from "./types";

export const workloads: Workload[] = [...matmulWorkloads, ...mlpWorkloads, ...resnetWorkloads];
