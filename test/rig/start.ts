/**
 * `npm start`: opens a real VS Code on examples/ with Labbook loaded from this repository in
 * development mode. It uses the `code` command where VS Code is installed, and otherwise serves
 * VS Code's workbench with code-server on 127.0.0.1 and prints the address to open.
 *
 * LABBOOK_PORT picks code-server's port (default 8080, or a free one when 8080 is taken);
 * LABBOOK_START_WITH_CODE_SERVER=1 uses code-server even where `code` exists.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startCodeServer } from './code-server';
import { ensureRigInstalled, projectRoot } from './rig-install';
import { workbenchUrl } from './workbench-url';

const examples = join(projectRoot, 'examples');

function hasCodeCommand(): boolean {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort(): Promise<number> {
  const preferred = Number(process.env.LABBOOK_PORT ?? 8080);
  if (await portIsFree(preferred)) {
    return preferred;
  }

  console.log(`Port ${preferred} is taken; code-server will pick a free one.`);
  return 0;
}

function openInDesktopCode(): number {
  console.log('Opening VS Code on examples/ with Labbook in development mode.');
  const result = spawnSync('code', ['--extensionDevelopmentPath', projectRoot, examples], {
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

async function serveWithCodeServer(): Promise<void> {
  const paths = ensureRigInstalled();
  const dataDir = mkdtempSync(join(tmpdir(), 'labbook-start-'));
  const server = await startCodeServer(paths, {
    folder: examples,
    dataDir,
    port: await choosePort(),
  });
  const address = workbenchUrl(server.url, {
    folder: examples,
    extensionDevelopmentPath: projectRoot,
  });

  console.log(`\nLabbook is running in VS Code (code-server ${paths.codeServerVersion}). Open:\n`);
  console.log(`  ${address}\n`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (): void => {
    stopping = true;
    void server.stop().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void server.exited.then((code) => {
    if (stopping) {
      return;
    }

    console.error(
      `code-server stopped on its own (exit code ${code}). Its last words:\n${server.output()}`,
    );
    process.exit(1);
  });
}

if (hasCodeCommand() && process.env.LABBOOK_START_WITH_CODE_SERVER !== '1') {
  process.exitCode = openInDesktopCode();
} else {
  serveWithCodeServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
