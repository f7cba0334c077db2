/**
 * Keeps one output stream of a launched command: passes each chunk on live, appends it
 * to the run's log file with secrets removed, and feeds stdout to the scalar parser.
 * Work per chunk is a few buffer scans and one write, so that a program printing
 * millions of lines is not slowed by being watched.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

import { writeFailureReason } from '../runlog/record-file';
import type { ScalarStream } from '../scalars/scalar-stream';
import { SecretScrubber } from './secret-scrubber';

/** How much of the end of stderr is kept for the end event of a failed run. */
const TAIL_BYTES = 4 * 1024;

export interface CaptureOptions {
  logPath: string;
  secrets: readonly string[];
  onChunk?: ((chunk: Buffer) => void) | undefined;
  scalars?: ScalarStream | undefined;
  /** Told once when the log file cannot be written (a full disk); the output still flows. */
  onWriteError?: ((error: Error) => void) | undefined;
}

export class OutputCapture {
  /** Resolves when the stream has ended and everything is written. */
  readonly done: Promise<void>;
  private readonly fd: number | undefined;
  private readonly scrubber: SecretScrubber;
  private tail: Buffer = Buffer.alloc(0);
  private closed = false;
  private failed = false;

  constructor(
    private readonly stream: Readable,
    private readonly options: CaptureOptions,
  ) {
    this.fd = this.openLog();
    this.scrubber = new SecretScrubber(options.secrets);
    stream.on('data', (chunk: Buffer) => this.take(chunk));
    this.done = new Promise((resolve) => {
      stream.once('close', () => {
        this.close();
        resolve();
      });
    });
  }

  /** The last few kilobytes written, with secrets removed. */
  tailText(): string {
    return this.tail.toString('utf8');
  }

  /** Stops reading, for output still held open by a leftover process after the command ended. */
  abandon(): void {
    this.stream.destroy();
    this.close();
  }

  private take(chunk: Buffer): void {
    this.options.onChunk?.(chunk);
    this.writeLog(this.scrubber.write(chunk));
    this.options.scalars?.write(chunk);
  }

  private writeLog(bytes: Buffer): void {
    if (bytes.length === 0 || this.closed) {
      return;
    }

    this.appendToLog(bytes);
    this.tail =
      bytes.length >= TAIL_BYTES
        ? Buffer.from(bytes.subarray(bytes.length - TAIL_BYTES))
        : Buffer.concat([this.tail, bytes]).subarray(-TAIL_BYTES);
  }

  private openLog(): number | undefined {
    try {
      return openSync(this.options.logPath, 'a');
    } catch (error) {
      this.logFailed(error);
      return undefined;
    }
  }

  /** Appends to the log file; after a failed write the log stops, and the output goes on. */
  private appendToLog(bytes: Buffer): void {
    if (this.fd === undefined || this.failed) {
      return;
    }

    let written = 0;
    try {
      while (written < bytes.length) {
        written += writeSync(this.fd, bytes, written, bytes.length - written);
      }
    } catch (error) {
      this.logFailed(error);
    }
  }

  private logFailed(error: unknown): void {
    this.failed = true;
    const reason = writeFailureReason(error);
    this.options.onWriteError?.(
      new Error(`could not write to ${this.options.logPath} (${reason}).`),
    );
  }

  private close(): void {
    if (this.closed) {
      return;
    }

    this.writeLog(this.scrubber.end());
    this.options.scalars?.end();
    this.closed = true;
    if (this.fd !== undefined) {
      closeSync(this.fd);
    }
  }
}
