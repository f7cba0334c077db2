/** Reads the store's ledger: its seals, checked as a hash chain of their own. */
import { existsSync } from 'node:fs';

import type { StoreLayout } from '../store/layout';
import type { SealLine } from '../store/ledger';
import { type ChainBreak, checkChain } from './chain-check';

/** A ledger line that chains but is not a seal this version understands. */
export interface LedgerBadLine {
  line: number;
  reason: string;
}

/** The ledger as read from disk. */
export interface LedgerContents {
  path: string;
  exists: boolean;
  /** Complete lines. */
  lines: number;
  /** The hash of the last line: what `labbook ledger anchor` keeps. */
  headHash: string;
  /** Each seal with its 1-based ledger line. */
  seals: { seal: SealLine; line: number }[];
  breaks: ChainBreak[];
  badLines: LedgerBadLine[];
  /** Bytes after the last complete line: an append in progress, or debris. */
  pendingBytes: number;
  /** The line of each stored hash, for finding an anchor kept elsewhere. */
  hashLines: Map<string, number>;
}

function sealProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'not a JSON object';
  }

  const seal = value as Record<string, unknown>;
  if (seal.type !== 'seal') {
    return `unknown ledger line type ${JSON.stringify(seal.type)}`;
  }

  for (const field of ['run', 'file', 'head']) {
    if (typeof seal[field] !== 'string') {
      return `a seal needs a string "${field}"`;
    }
  }

  for (const field of ['lines', 'bytes']) {
    if (!Number.isInteger(seal[field])) {
      return `a seal needs a whole number "${field}"`;
    }
  }

  return undefined;
}

/** Reads and checks the ledger; a missing ledger reads as empty. */
export function readLedger(layout: StoreLayout): LedgerContents {
  const path = layout.ledgerPath;
  const contents: LedgerContents = {
    path,
    exists: existsSync(path),
    lines: 0,
    headHash: '',
    seals: [],
    breaks: [],
    badLines: [],
    pendingBytes: 0,
    hashLines: new Map(),
  };
  if (!contents.exists) {
    return contents;
  }

  const check = checkChain(path, {
    onLine(body, hash, line) {
      contents.hashLines.set(hash, line);
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        contents.badLines.push({ line, reason: 'not valid JSON' });
        return;
      }

      const problem = sealProblem(value);
      if (problem) {
        contents.badLines.push({ line, reason: problem });
      } else {
        contents.seals.push({ seal: value as SealLine, line });
      }
    },
  });

  contents.lines = check.lines;
  contents.headHash = check.headHash;
  contents.breaks = check.breaks;
  contents.pendingBytes = check.pendingBytes;
  return contents;
}
