// The extension's settings (`gradientInspector.*`), normalised from whatever the user wrote.
// Pure: the vscode side passes a getter, so the clamping rules are unit-tested without an editor.

export interface Settings {
  runOnSave: boolean;
  timeLimitMs: number;
  memoryLimitMb: number;
  inlineValues: boolean;
  previewElements: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  runOnSave: false,
  timeLimitMs: 10000,
  memoryLimitMb: 1024,
  inlineValues: true,
  previewElements: 1000,
});

/** Bounds for the numeric settings; the manifest declares the same minimum/maximum. */
export const SETTING_BOUNDS = {
  timeLimitMs: { min: 100, max: 600000 },
  memoryLimitMb: { min: 64, max: 16384 },
  previewElements: { min: 1, max: 100000 },
} as const;

function int(v: unknown, fallback: number, bounds: { min: number; max: number }): number {
  if (typeof v !== "number" || !Number.isFinite(v)) return fallback;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(v)));
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === "boolean" ? v : fallback;
}

/** Reads every setting through `get` (the configuration section's getter), falling back to the default on bad values. */
export function readSettings(get: (key: keyof Settings) => unknown): Settings {
  return {
    runOnSave: bool(get("runOnSave"), DEFAULT_SETTINGS.runOnSave),
    timeLimitMs: int(get("timeLimitMs"), DEFAULT_SETTINGS.timeLimitMs, SETTING_BOUNDS.timeLimitMs),
    memoryLimitMb: int(get("memoryLimitMb"), DEFAULT_SETTINGS.memoryLimitMb, SETTING_BOUNDS.memoryLimitMb),
    inlineValues: bool(get("inlineValues"), DEFAULT_SETTINGS.inlineValues),
    previewElements: int(get("previewElements"), DEFAULT_SETTINGS.previewElements, SETTING_BOUNDS.previewElements),
  };
}
