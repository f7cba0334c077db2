/**
 * Checks the hash chain of one chained file (a record file or the ledger) line by line.
 * Each line is checked against the hash stored on the line before it, so one changed line
 * is reported once rather than breaking every line after it. Where a line fails, the line
 * after it (or the file's seal) tells whether its content or its hash was changed.
 */
import { hashBody, splitChainedLine } from '../runlog/chain';
import { forEachLine } from '../runlog/reader';

/** How a line fails its chain. */
export type LineFault =
  /** The content differs from what its hash covers; the hash is the one written. */
  | 'content'
  /** The content is as written, but its hash field was changed. */
  | 'hash'
  /** The line fails, and nothing after it tells which part changed. */
  | 'content-or-hash'
  /** The line has no hash field, is too long to check, or is not a JSON object. */
  | 'unreadable'
  /** The line's `seq` is not its position: lines were removed, added or moved. */
  | 'seq';

/** A line that breaks the chain. */
export interface ChainBreak {
  /** 1-based. */
  line: number;
  fault: LineFault;
  detail: string;
  /** The line's body (without its hash), for lines whose content may have changed. */
  body?: string;
  /**
   * The body of the line before, kept because a line changed and re-hashed on its own
   * makes the line after it fail instead.
   */
  previousBody?: string;
}

export interface ChainCheck {
  /** Complete lines in the file. */
  lines: number;
  /** Bytes after the last complete line: a line still being written, or debris. */
  pendingBytes: number;
  breaks: ChainBreak[];
  /** The stored hash of the last line, or '' for an empty file. */
  headHash: string;
  /** The stored hashes at the line numbers asked for in `hashesAt`. */
  hashesAt: Map<number, string>;
  /** The hash the last line's content chains to, for telling content from hash at the end. */
  lastRecomputed: string;
}

export interface ChainCheckOptions {
  /** Line numbers whose stored hash the caller needs, such as a seal's line count. */
  hashesAt?: number[];
  /** Called with each readable line's body and stored hash, for a one-pass caller. */
  onLine?: (body: string, hash: string, line: number) => void;
}

/** At most this many broken lines keep their body, so a wrecked file cannot fill memory. */
const BODIES_KEPT = 50;

function seqOf(body: string): number | undefined {
  const match = /^\{"seq":(\d+)[,}]/.exec(body);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Reads the file and checks every line's hash and `seq`. */
export function checkChain(file: string, options: ChainCheckOptions = {}): ChainCheck {
  const wanted = new Set(options.hashesAt ?? []);
  const hashesAt = new Map<number, string>();
  const breaks: ChainBreak[] = [];
  let previousStored: string | undefined = '';
  let previousRecomputed = '';
  let previousBody: string | undefined;
  let suspect: ChainBreak | undefined;
  let headHash = '';
  let lastRecomputed = '';

  const keepBody = (body: string): string | undefined =>
    breaks.length < BODIES_KEPT ? body : undefined;

  const { lines, pendingBytes } = forEachLine(file, (text, line) => {
    const split = text === undefined ? undefined : splitChainedLine(text);
    if (!split) {
      breaks.push({
        line,
        fault: 'unreadable',
        detail: text === undefined ? 'the line is too long to check' : 'the line has no hash',
      });
      suspect = undefined;
      previousStored = undefined;
      previousBody = undefined;
      headHash = '';
      return;
    }

    options.onLine?.(split.body, split.hash, line);
    if (wanted.has(line)) {
      hashesAt.set(line, split.hash);
    }

    const recomputed = hashBody(previousStored ?? '', split.body);
    const linked = previousStored !== undefined && recomputed === split.hash;
    // A line after one whose hash alone was changed chains to that line's true hash.
    const linkedPastChangedHash =
      suspect !== undefined && hashBody(previousRecomputed, split.body) === split.hash;

    if (suspect) {
      suspect.fault = linkedPastChangedHash ? 'hash' : linked ? 'content' : 'content-or-hash';
      if (suspect.fault === 'hash') {
        delete suspect.body;
        delete suspect.previousBody;
      }

      suspect = undefined;
    }

    const seq = seqOf(split.body);
    if (seq !== line - 1) {
      breaks.push({
        line,
        fault: 'seq',
        detail:
          seq === undefined
            ? 'the line does not start with its "seq"'
            : `the line has seq ${seq} where line ${line} should have ${line - 1}`,
      });
    } else if (!linked && !linkedPastChangedHash && previousStored !== undefined) {
      suspect = {
        line,
        fault: 'content-or-hash',
        detail: 'the line does not match its hash',
        ...(keepBody(split.body) !== undefined ? { body: split.body } : {}),
        ...(keepBody(split.body) !== undefined && previousBody !== undefined
          ? { previousBody }
          : {}),
      };
      breaks.push(suspect);
    }

    previousBody = split.body;
    previousStored = split.hash;
    previousRecomputed = recomputed;
    headHash = split.hash;
    lastRecomputed = recomputed;
  });

  return { lines, pendingBytes, breaks, headHash, hashesAt, lastRecomputed };
}

/** Settles a break on the last line from the sealed head hash, which plays the next line. */
export function settleLastLine(check: ChainCheck, sealedHead: string): void {
  const last = check.breaks.find(
    (each) => each.line === check.lines && each.fault === 'content-or-hash',
  );
  if (!last) {
    return;
  }

  if (sealedHead === check.lastRecomputed) {
    last.fault = 'hash';
    delete last.body;
    delete last.previousBody;
  } else if (sealedHead === check.headHash) {
    last.fault = 'content';
  }
}
