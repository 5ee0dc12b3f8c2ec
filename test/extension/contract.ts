// The command ids and titles other parts (the e2e tests, the README) rely on.
export const COMMANDS_CONTRACT: Readonly<Record<string, string>> = {
  "gradientInspector.runFile": "Gradient Inspector: Run File",
  "gradientInspector.runSelection": "Gradient Inspector: Run Selection",
  "gradientInspector.openPanel": "Gradient Inspector: Open Graph Panel",
  "gradientInspector.stop": "Gradient Inspector: Stop Run",
};
