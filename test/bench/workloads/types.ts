// What a benchmark workload declares: how we run it, and what the peers are asked to run.
export type Unit = "GFLOP/s" | "ms";

/** One of our figures (a workload may have several, e.g. 1 thread and 2 threads). */
export interface Figure {
  label: string;
  value: number | null;
  note?: string;
}

/** Sent to the peer scripts in test/bench/peers/ (they know each `kind`). */
export interface PeerSpec {
  id: string;
  kind: "matmul" | "mlp-step" | "resnet18-fwd" | "resnet18-fwdbwd";
  n?: number;
  runs: number;
  /** A peer skips the workload (with a note) if `runs` runs would take longer than this. */
  maxSeconds: number;
}

export interface Workload {
  title: string;
  unit: Unit;
  /** GFLOP/s: higher is better; ms: lower is better. */
  higherIsBetter: boolean;
  peer: PeerSpec;
  /** Our figures; may say why a figure is missing (value null and a note). */
  ours(): Figure[];
}
