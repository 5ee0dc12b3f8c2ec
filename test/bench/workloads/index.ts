// Every workload `npm run bench` runs, in order. Add a workload file here.
import { matmulWorkloads } from "./matmul";
import { nnWorkloads } from "./nn";
import type { Workload } from "./types";

export const workloads: Workload[] = [...matmulWorkloads, ...nnWorkloads];
