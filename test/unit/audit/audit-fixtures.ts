/**
 * Stores for the audit tests, made by the real `labbook` command in real processes, and
 * the tampering a test needs: a flipped digit, a re-chained file.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chainLine, splitChainedLine } from '../../../src/runlog/chain';
import { StoreLayout } from '../../../src/store/layout';
import { tempFolder } from '../helpers/temp-store';
import { cleanEnv, type Finished, runCli } from '../launch/processes';

/** A folder with a store in it, and the `labbook` command run there. */
export class AuditFolder {
  readonly folder = tempFolder('labbook-audit-');
  readonly layout = new StoreLayout(join(this.folder, '.labbook'));

  /** Runs `labbook <args>` in the folder as a real process. */
  labbook(args: string[], env: Record<string, string> = {}): Promise<Finished> {
    return runCli(args, this.folder, cleanEnv({ LABBOOK_STORE: this.layout.root, ...env }));
  }

  /** `labbook <args>` that must succeed. */
  async ok(args: string[], env: Record<string, string> = {}): Promise<Finished> {
    const done = await this.labbook(args, env);
    assert.equal(done.code, 0, `labbook ${args.join(' ')} failed: ${done.stderr}`);
    return done;
  }

  /** Tracks a Node one-liner that prints `loss: 1/(i+1)` for i below `count`; returns the run id. */
  async lossRun(count = 5, extra: string[] = []): Promise<string> {
    const script = `for (let i = 0; i < ${count}; i++) console.log('loss: ' + 1 / (i + 1));`;
    const done = await this.ok(['run', ...extra, '--', process.execPath, '-e', script]);
    const id = /run (\S+) started/.exec(done.stderr)?.[1];
    assert.ok(id, done.stderr);
    return id;
  }

  recordFile(id: string, name = 'events.jsonl'): string {
    return join(this.layout.runDir(id), name);
  }

  recordFiles(id: string): string[] {
    return readdirSync(this.layout.runDir(id)).filter((name) => name.startsWith('events'));
  }
}

/** The 1-based number of the first line of `file` that contains `text`. */
export function lineWith(file: string, text: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `no line of ${file} contains ${text}`);
  return index + 1;
}

/**
 * Changes the body of line `line` (1-based) of a chained file. With `rechain`, every hash
 * from there on is recomputed, as someone covering their tracks would.
 */
export function editLine(
  file: string,
  line: number,
  edit: (body: string) => string,
  rechain = false,
): void {
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  let previous = '';
  const out = lines.map((text, at) => {
    const split = splitChainedLine(text);
    assert.ok(split, `line ${at + 1} of ${file} has no hash`);
    const body = at + 1 === line ? edit(split.body) : split.body;
    if (!rechain || at + 1 < line) {
      previous = split.hash;
      return at + 1 === line ? `${body.slice(0, -1)},"hash":"${split.hash}"}` : text;
    }

    const chained = chainLine(previous, body);
    previous = chained.hash;
    return chained.line;
  });
  writeFileSync(file, `${out.join('\n')}\n`);
}

/** The body with `from` replaced by `to` exactly once. */
export function replaceOnce(from: string, to: string): (body: string) => string {
  return (body) => {
    assert.equal(body.split(from).length, 2, `expected "${from}" once in ${body}`);
    return body.replace(from, to);
  };
}
