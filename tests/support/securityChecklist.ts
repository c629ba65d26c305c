/**
 * What every window must have, whatever else it sets (Electron security checklist §2–§4, §12,
 * §13). One table for the checklist test against the fake (tests/unit/security) and the smoke
 * test against a real binary (tests/electron).
 */
export const REQUIRED_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // On Linux Chromium would download spell-check dictionaries from outside (issue 17).
  spellcheck: false,
} as const;
