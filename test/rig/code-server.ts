/** Starts and stops a code-server process for tests, `npm start` and the package check. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RigPaths } from './rig-install';

/** How to start code-server. */
export interface CodeServerOptions {
  /** The folder the workbench opens by default. */
  folder: string;
  /** Holds the user settings, the installed extensions and the logs of this server. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Extra command-line arguments, for example `--install-extension`. */
  extraArgs?: string[];
  /** Copies the server's output to this process's stderr as it comes. */
  echo?: boolean;
  /** Opens the folder in Restricted Mode (workspace trust on, the folder untrusted). */
  restricted?: boolean;
}

/** A code-server that answers on `url` until `stop()`. */
export interface RunningCodeServer {
  url: string;
  /** The last part of what the server printed. */
  output(): string;
  /** Settles with the exit code when the server stops, whether asked to or not. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const startTimeoutMilliseconds = 60_000;

// A server left running for a day prints a lot; what explains a failure is at the end.
const keptOutputCharacters = 64 * 1024;

// A person opening the workbench (or a test driving it) should land on the folder, not on
// welcome pages, tips, trust prompts or update checks that this closed network cannot answer.
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

/** The arguments every rig-started code-server shares, with its data kept under `dataDir`. */
export function codeServerArguments(dataDir: string, restricted = false): string[] {
  return [
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--config',
    join(dataDir, 'config.yaml'),
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    join(dataDir, 'extensions'),
  ];
}

/** Writes the workbench settings the rig relies on into a fresh data folder. */
export function prepareDataDir(dataDir: string, restricted = false): void {
  // Restricted Mode needs trust on; the start-up prompt stays off, so the folder simply
  // opens untrusted, as it does for a person who chose "Don't Trust".
  const settings = restricted
    ? {
        ...quietSettings,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
      }
    : quietSettings;
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(join(dataDir, 'config.yaml'), 'auth: none\ncert: false\n');
}

/** Starts code-server on 127.0.0.1 and resolves once it says where it listens. */
export async function startCodeServer(
  paths: RigPaths,
  options: CodeServerOptions,
): Promise<RunningCodeServer> {
  prepareDataDir(options.dataDir, options.restricted);
  const args = [
    ...codeServerArguments(options.dataDir, options.restricted),
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    ...(options.extraArgs ?? []),
    options.folder,
  ];

  // Its own process group, so that stopping it also stops the extension hosts it forks.
  const child = spawn(paths.codeServer, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed = (printed + chunk.toString()).slice(-keptOutputCharacters);
    if (options.echo) {
      process.stderr.write(chunk);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const url = await waitForAddress(child, () => printed).catch((error: unknown) => {
    killGroup(child, 'SIGKILL');
    throw error;
  });

  return {
    url,
    output: () => printed,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopGroup(child);
    },
  };
}

function waitForAddress(child: ChildProcess, printed: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`code-server did not start within 60 s. It printed:\n${printed()}`));
    }, startTimeoutMilliseconds);
    const onData = (): void => {
      const match = /HTTP server listening on (http:\/\/\S+)/.exec(printed());
      if (match) {
        finish();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null): void => {
      finish();
      reject(
        new Error(`code-server exited with ${code} before it listened. It printed:\n${printed()}`),
      );
    };
    const finish = (): void => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.stderr?.removeListener('data', onData);
      child.removeListener('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }

  try {
    process.kill(-child.pid, signal);
  } catch {
    // Every process of the group has already exited.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const running = child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => {
    if (running) {
      child.once('exit', () => resolve());
    } else {
      resolve();
    }
  });
  killGroup(child, 'SIGTERM');
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  await Promise.race([exited, timeout]);

  // Extension hosts that outlived the server's own exit go too.
  killGroup(child, 'SIGKILL');
}
