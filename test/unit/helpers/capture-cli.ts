/** Runs the CLI in this process with captured output, as a user would see it. */
import { Writable } from 'node:stream';

import { runCli } from '../../../src/cli/main';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

class TextSink extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/** Runs `labbook <argv>` against the store in `storeRoot` (via LABBOOK_STORE). */
export async function labbook(storeRoot: string, ...argv: string[]): Promise<CliOutcome> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const code = await runCli(argv, {
    env: { LABBOOK_STORE: storeRoot },
    cwd: storeRoot,
    stdout,
    stderr,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
