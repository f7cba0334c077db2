/**
 * What the hostile cases share: a scratch folder with a store, the real `labbook` command,
 * the Node and Python SDKs run as real processes, each with a time bound, and the peak
 * memory of a child where a case claims memory stays bounded.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { type RecordLines, mainRecord, startEvent } from '../unit/helpers/record-lines';
import { CLI, cleanEnv, REPO_ROOT } from '../unit/launch/processes';
import type { HostileCase } from './corpus';

/** The bundled Node SDK, as a program would require it. */
export const NODE_SDK = join(REPO_ROOT, 'sdk', 'node', 'dist', 'index.js');

const PYTHON_SDK = join(REPO_ROOT, 'sdk', 'python');
const PEAK_PRELOAD = join(__dirname, 'peak-memory-preload.js');

/** How a bounded child process ended. */
export interface BoundedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock seconds. */
  seconds: number;
  /** Peak resident memory in MB, when it was measured. */
  peakMb?: number;
}

export interface ChildOptions {
  cwd: string;
  env?: Record<string, string>;
  /** The child is killed, and the case fails, after this long. */
  timeoutMs?: number;
  /** Measure the child's peak resident memory. */
  measureMemory?: boolean;
  /** Let stdout go nowhere, for a child that prints more than a test should hold. */
  discardStdout?: boolean;
}

let peakFiles = 0;

function runBounded(
  program: string,
  args: string[],
  options: ChildOptions & { peakFile?: string },
): Promise<BoundedRun> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const env = cleanEnv({
    ...options.env,
    ...(options.peakFile ? { LABBOOK_TEST_PEAK_FILE: options.peakFile } : {}),
  });
  const started = Date.now();
  const child = spawn(program, args, {
    cwd: options.cwd,
    env,
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ').slice(0, 200)} took more than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const peakFile = options.peakFile;
      const peakKb = peakFile && existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) : 0;
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        seconds: (Date.now() - started) / 1000,
        ...(peakFile ? { peakMb: peakKb / 1024 } : {}),
      });
    });
  });
}

/** A scratch folder with a store in it, and the real programs run there. */
export class HostileFolder {
  readonly folder = mkdtempSync(join(tmpdir(), 'labbook-hostile-'));
  readonly layout = new StoreLayout(join(this.folder, '.labbook'));

  /** Removes the folder; a suite calls this once its cases are done. */
  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private peakFile(measure: boolean | undefined): string | undefined {
    peakFiles += 1;
    return measure ? join(this.folder, `peak-${peakFiles}.txt`) : undefined;
  }

  /** Runs `labbook <args>` as a real process on this folder's store. */
  labbook(args: string[], options: Partial<ChildOptions> = {}): Promise<BoundedRun> {
    const peakFile = this.peakFile(options.measureMemory);
    const preload = peakFile ? ['--require', PEAK_PRELOAD] : [];
    return runBounded(process.execPath, [...preload, CLI, ...args], {
      cwd: this.folder,
      ...options,
      env: { LABBOOK_STORE: this.layout.root, ...options.env },
      ...(peakFile ? { peakFile } : {}),
    });
  }

  /** `labbook <args>` that must exit with 0. */
  async ok(args: string[], options: Partial<ChildOptions> = {}): Promise<BoundedRun> {
    const done = await this.labbook(args, options);
    assert.equal(done.code, 0, `labbook ${args.join(' ').slice(0, 200)}: ${done.stderr}`);
    return done;
  }

  /** The run JSON of `labbook show RUN --json`. */
  async showJson(run: string): Promise<Record<string, unknown>> {
    return JSON.parse((await this.ok(['show', run, '--json'])).stdout) as Record<string, unknown>;
  }

  /** Runs a Node program that has the SDK as `labbook`, recording into this store. */
  node(body: string, options: Partial<ChildOptions> = {}): Promise<BoundedRun> {
    const script = join(this.folder, `program-${(peakFiles += 1)}.js`);
    writeFileSync(script, `const labbook = require(${JSON.stringify(NODE_SDK)});\n${body}\n`);
    const peakFile = this.peakFile(options.measureMemory);
    const preload = peakFile ? ['--require', PEAK_PRELOAD] : [];
    return runBounded(process.execPath, [...preload, script], {
      cwd: this.folder,
      ...options,
      env: { LABBOOK_STORE: this.layout.root, ...options.env },
      ...(peakFile ? { peakFile } : {}),
    });
  }

  /** Runs a Python program with the SDK importable, recording into this store. */
  python(source: string, options: Partial<ChildOptions> = {}): Promise<BoundedRun> {
    const script = join(this.folder, `program-${(peakFiles += 1)}.py`);
    writeFileSync(script, source);
    const peakFile = this.peakFile(options.measureMemory);
    // The peak is written by the last exit handler, after the SDK's own has finished the run.
    const wrapper = [
      'import atexit, os, resource, runpy, sys',
      'peak = os.environ.get("LABBOOK_TEST_PEAK_FILE")',
      'if peak:',
      '    atexit.register(lambda: open(peak, "w").write(',
      '        str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))',
      'runpy.run_path(sys.argv[1], run_name="__main__")',
    ].join('\n');
    return runBounded('python3', ['-c', wrapper, script], {
      cwd: this.folder,
      ...options,
      env: { LABBOOK_STORE: this.layout.root, PYTHONPATH: PYTHON_SDK, ...options.env },
      ...(peakFile ? { peakFile } : {}),
    });
  }

  /** A run folder with a hand-written main record that starts with a start event. */
  handWritten(id: string, start: Record<string, unknown> = {}): RecordLines {
    mkdirSync(this.layout.runsDir, { recursive: true });
    return mainRecord(this.layout, id).add(startEvent(id, start));
  }

  /** The real index over this store, caught up, for a case to query; close it after. */
  async index(): Promise<RunIndex> {
    const index = await RunIndex.open(this.layout);
    index.catchUp();
    return index;
  }
}

/**
 * One `it` per case of a table, named after its input and expected outcome, each with a
 * fresh store (made by `makeStore`) that is removed after the case, whatever happened.
 */
export function itEachCase<
  Case extends HostileCase<unknown>,
  Store extends HostileFolder = HostileFolder,
>(
  table: readonly Case[],
  check: (entry: Case, store: Store) => Promise<void>,
  options: { prefix?: string; makeStore?: () => Store } = {},
): void {
  for (const entry of table) {
    it(`${options.prefix ?? ''}${entry.name}: ${entry.expected}`, async () => {
      const store = options.makeStore ? options.makeStore() : (new HostileFolder() as Store);
      try {
        await check(entry, store);
      } finally {
        store.remove();
      }
    });
  }
}

/** Run ids for hand-written records: valid in shape, distinct by `n`. */
export function handRunId(n: number): string {
  return `20261203-184512-123-${n.toString(16).padStart(8, '0')}`;
}

/** Every byte of `text` below 0x20 other than a newline, or DEL, or an escape byte. */
export function rawControlCharacters(text: string): string[] {
  return [...text.matchAll(/[\u0000-\u0009\u000b-\u001f\u007f\u0080-\u009f]/g)].map(
    (match) => match[0],
  );
}
