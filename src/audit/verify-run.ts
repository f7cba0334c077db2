/**
 * Verifies one run folder: every record file's chain, and each sealed file against its
 * seal in the ledger. Where a line changed, the index's earlier reading names the field.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { forEachLine } from '../runlog/reader';
import { splitChainedLine } from '../runlog/chain';
import { RECORD_FILE } from '../store/layout';
import type { SealLine } from '../store/ledger';
import { type ChainBreak, type ChainCheck, checkChain, settleLastLine } from './chain-check';
import { type FieldChange, fieldChanges, type IndexedRun } from './field-changes';
import { emptyRunOrders, noteOrigin, type RunOrders, settleOrders } from './run-orders';
import type { FileVerification, RunVerification, VerifyProblem } from './verify-report';

/** A seal and its 1-based line in the ledger. */
export interface SealAt {
  seal: SealLine;
  line: number;
}

/** The index's earlier reading of a run, when there is one. */
export type IndexLookup = (
  runId: string,
  orders: RunOrders,
) => Omit<IndexedRun, 'orders'> | undefined;

/** Lines of a re-chained file that are compared with the index, at most. */
const REWRITTEN_LINES_NAMED = 20;

/** A value as it reads in a sentence. */
export function valueText(value: unknown): string {
  if (value === undefined) {
    return 'absent';
  }

  if (typeof value === 'number') {
    return String(value);
  }

  return JSON.stringify(value);
}

function changesText(changes: FieldChange[]): string {
  return changes
    .map(
      (change) =>
        `${change.field} is ${valueText(change.found)} where the index read ` +
        `${valueText(change.indexed)}`,
    )
    .join('; ');
}

interface FileContext {
  run: string;
  file: string;
  path: string;
}

function problem(
  where: FileContext,
  fields: Pick<VerifyProblem, 'kind' | 'line' | 'message'> & Partial<VerifyProblem>,
): VerifyProblem {
  return {
    run: where.run,
    file: where.file,
    path: where.path,
    field: null,
    changes: [],
    ...fields,
  };
}

function parsed(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function changesIn(body: string | undefined, file: string, run: IndexedRun | undefined) {
  const event = body === undefined ? undefined : parsed(body);
  return event && run ? fieldChanges(event, file, run) : [];
}

/** The problem a broken line amounts to, with its fields named when the index can. */
function breakProblem(
  where: FileContext,
  broken: ChainBreak,
  indexed: IndexedRun | undefined,
): VerifyProblem {
  if (broken.fault === 'seq' || broken.fault === 'unreadable') {
    return problem(where, {
      kind: broken.fault === 'seq' ? 'sequence' : 'unreadable-line',
      line: broken.line,
      field: broken.fault === 'seq' ? 'seq' : null,
      message: `${broken.detail}.`,
    });
  }

  if (broken.fault === 'hash') {
    return problem(where, {
      kind: 'hash-changed',
      line: broken.line,
      field: 'hash',
      message: 'the hash field of this line was changed; its content is as written.',
    });
  }

  const changes = changesIn(broken.body, where.file, indexed);
  if (changes.length > 0) {
    return problem(where, {
      kind: 'line-changed',
      line: broken.line,
      field: changes[0]?.field ?? null,
      changes,
      message: `the line no longer matches its hash: ${changesText(changes)}.`,
    });
  }

  // A line changed and re-hashed on its own leaves the line after it failing instead.
  const before = changesIn(broken.previousBody, where.file, indexed);
  if (before.length > 0) {
    return problem(where, {
      kind: 'line-changed',
      line: broken.line - 1,
      field: before[0]?.field ?? null,
      changes: before,
      message:
        `the line was changed and its hash recomputed, so line ${broken.line} no longer ` +
        `chains to it: ${changesText(before)}.`,
    });
  }

  const why = indexed
    ? 'the index read no other value in the fields it keeps'
    : 'the index holds no earlier reading of this run';
  return problem(where, {
    kind: 'line-changed',
    line: broken.line,
    message: `the line no longer matches its hash; which field changed cannot be told (${why}).`,
  });
}

/** Compares every line of a re-chained file with the index, naming the changed lines. */
function rewrittenLines(where: FileContext, indexed: IndexedRun): VerifyProblem[] {
  const found: VerifyProblem[] = [];
  forEachLine(where.path, (text, line) => {
    const split = text === undefined ? undefined : splitChainedLine(text);
    if (!split || found.length >= REWRITTEN_LINES_NAMED) {
      return;
    }

    const changes = changesIn(split.body, where.file, indexed);
    if (changes.length > 0) {
      found.push(
        problem(where, {
          kind: 'rewritten',
          line,
          field: changes[0]?.field ?? null,
          changes,
          message: `the file was re-chained after it was sealed: ${changesText(changes)}.`,
        }),
      );
    }
  });
  return found;
}

function sealProblems(
  where: FileContext,
  check: ChainCheck,
  at: SealAt,
  indexed: IndexedRun | undefined,
): VerifyProblem[] {
  const { seal } = at;
  const sealed = `sealed at ledger line ${at.line} with ${seal.lines} lines`;
  if (check.lines < seal.lines) {
    return [
      problem(where, {
        kind: 'truncated',
        line: check.lines + 1,
        message: `the file has ${check.lines} lines, but was ${sealed}.`,
      }),
    ];
  }

  const problems: VerifyProblem[] = [];
  if (check.lines === seal.lines) {
    settleLastLine(check, seal.head);
  }

  const hashChangedAtSeal = check.breaks.some(
    (each) => each.line === seal.lines && each.fault === 'hash',
  );
  if (check.hashesAt.get(seal.lines) !== seal.head && !hashChangedAtSeal) {
    const named = indexed ? rewrittenLines(where, indexed) : [];
    problems.push(
      ...(named.length > 0
        ? named
        : [
            problem(where, {
              kind: 'rewritten',
              line: seal.lines,
              field: 'hash',
              message:
                `the hash of line ${seal.lines} is not the one ${sealed}: the file was ` +
                're-chained after it was sealed' +
                (indexed ? '.' : ', and without an earlier reading the changed line is unknown.'),
            }),
          ]),
    );
  }

  if (check.lines > seal.lines) {
    const extra = check.lines - seal.lines;
    problems.push(
      problem(where, {
        kind: 'appended',
        line: seal.lines + 1,
        message: `${extra} lines follow the end of the file, which was ${sealed}.`,
      }),
    );
  } else if (problems.length === 0 && check.breaks.length === 0) {
    const size = statSync(where.path).size;
    if (size !== seal.bytes) {
      problems.push(
        problem(where, {
          kind: size > seal.bytes ? 'appended' : 'truncated',
          line: null,
          message: `the file has ${size} bytes, but was sealed with ${seal.bytes}.`,
        }),
      );
    }
  }

  return problems;
}

/**
 * Whether a line is a run's end event. Its writer seals the file right after writing it, so
 * an ended file without a seal means the seal was lost, not that the run is still going.
 */
function endsRun(body: string | undefined): boolean {
  // An end event is short; a long last line is a batch of metrics and need not be parsed.
  return body !== undefined && body.length < 100_000 && parsed(body)?.type === 'end';
}

/** Verifies the record files of run `runId` in folder `dir` against their seals. */
export function verifyRun(
  runId: string,
  dir: string,
  location: 'runs' | 'trash',
  seals: Map<string, SealAt[]>,
  lookup: IndexLookup | undefined,
): RunVerification {
  const names = readdirSync(dir)
    .filter((name) => RECORD_FILE.test(name))
    .sort();
  const orders = emptyRunOrders();
  const checks = new Map<string, ChainCheck>();
  const lastBodies = new Map<string, string>();
  for (const name of names) {
    const hashesAt = (seals.get(name) ?? []).map((at) => at.seal.lines);
    const onLine = (body: string): void => {
      lastBodies.set(name, body);
      if (lookup) {
        noteOrigin(orders, name, body);
      }
    };
    checks.set(name, checkChain(join(dir, name), { hashesAt, onLine }));
  }

  settleOrders(orders);
  const found = lookup?.(runId, orders);
  const indexed = found ? { ...found, orders } : undefined;
  const problems: VerifyProblem[] = [];
  const files: FileVerification[] = [];
  // A folder without record files is a launch that never got to write its start.
  let unsealed = checks.size === 0;

  for (const [name, check] of checks) {
    const where = { run: runId, file: name, path: join(dir, name) };
    const fileSeals = seals.get(name) ?? [];
    const before = problems.length;
    for (const at of fileSeals) {
      problems.push(...sealProblems(where, check, at, indexed));
    }

    problems.push(...check.breaks.map((broken) => breakProblem(where, broken, indexed)));
    if (fileSeals.length === 0 && endsRun(lastBodies.get(name))) {
      problems.push(
        problem(where, {
          kind: 'missing-seal',
          line: check.lines,
          message:
            `line ${check.lines} ends the run, but the ledger holds no seal for the file: the ` +
            'ledger was cut, rolled back or removed, or sealing failed when the run ended.',
        }),
      );
    }

    unsealed ||= fileSeals.length === 0;
    files.push({
      file: name,
      lines: check.lines,
      sealedAt: fileSeals.at(-1)?.line ?? null,
      ok: problems.length === before,
    });
  }

  for (const [name, list] of seals) {
    if (!checks.has(name)) {
      const where = { run: runId, file: name, path: join(dir, name) };
      problems.push(
        problem(where, {
          kind: 'missing-file',
          line: null,
          message: `the file is gone, though it was sealed at ledger line ${list[0]?.line}.`,
        }),
      );
    }
  }

  const integrity = problems.length > 0 ? 'tampered' : unsealed ? 'unsealed' : 'sealed';
  return { run: runId, location, integrity, files, problems };
}
