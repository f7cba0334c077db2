/** Starts Debian's Chromium, headless, through playwright-core. */
import { type Browser, chromium } from 'playwright-core';

import type { RigPaths } from './rig-install';

// The machine's network is closed: without these, Chromium keeps trying (and failing) to reach
// its update, sync and component services.
const quietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches a headless Chromium; the caller closes it. */
export function launchChromium(paths: RigPaths): Promise<Browser> {
  return launchChromiumAt(paths.chromium);
}

/** Launches the headless Chromium at `executablePath`, for tests that need no code-server. */
export function launchChromiumAt(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: quietFlags });
}
