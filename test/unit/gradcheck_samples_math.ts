// gradcheck samples for the ops of one area (see gradcheck_samples.ts for the format); merged by
// gradcheck.test.ts, kept apart so that people adding ops in different areas never edit one file.
import type { Sample } from "./gradcheck_samples";

export const samples: Record<string, Sample[]> = {};
