/** Starts code-server and Chromium with Labbook in development mode, for the UI tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchChromium } from '../rig/chromium';
import { startCodeServer } from '../rig/code-server';
import { ensureRigInstalled, projectRoot } from '../rig/rig-install';
import { workbenchUrl } from '../rig/workbench-url';
import { Workbench } from './workbench';

/** Where the UI tests leave their screenshots (ignored by git). */
export const screenshotsFolder = join(projectRoot, 'test-results', 'e2e');

/**
 * Where the README's pictures are renewed, only when LABBOOK_DOC_IMAGES=1 asks for it, so that
 * an ordinary test run leaves the committed pictures alone.
 */
const docImagesFolder =
  process.env.LABBOOK_DOC_IMAGES === '1' ? join(projectRoot, 'docs', 'images') : undefined;

/**
 * User settings of the UI tests: one colour theme, whatever the browser prefers, so that
 * screenshots compare across runs; and no port forwarding badge from the runs' processes.
 */
const workbenchSettings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'remote.autoForwardPorts': false,
};

/** A workbench open on `workspace`, and how to shut it all down. */
export interface WorkbenchSession {
  workbench: Workbench;
  /** Page errors the workbench raised, for a test to report. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Opens the workbench on `workspace` with the extension built in dist/ loaded from the repo. */
export async function openWorkbenchSession(workspace: string): Promise<WorkbenchSession> {
  const paths = ensureRigInstalled();
  const dataDir = mkdtempSync(join(tmpdir(), 'labbook-e2e-'));
  const server = await startCodeServer(paths, {
    folder: workspace,
    dataDir,
    settings: workbenchSettings,
  });
  const browser = await launchChromium(paths);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const close = async (): Promise<void> => {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await page.goto(
      workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: projectRoot }),
    );
    const workbench = new Workbench(page, screenshotsFolder, docImagesFolder);
    await workbench.waitUntilReady();
    return { workbench, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
