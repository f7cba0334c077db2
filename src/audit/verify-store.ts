/**
 * Verifies a store: the ledger's own chain and anchors, then each run's record files
 * against their chains and seals. The CLI's `labbook verify` and the extension's "Verify
 * Store" both call {@link verifyStore}.
 *
 *     const index = await RunIndex.open(layout); // opened, not caught up: see below
 *     const report = await verifyStore(layout, undefined, { index });
 *     report.ok; report.runs[0].integrity; report.problems[0].line;
 */
import { existsSync } from 'node:fs';

import type { RunIndex } from '../runindex/run-index';
import { runFolderNames, type StoreLayout } from '../store/layout';
import type { ChainBreak } from './chain-check';
import { checkGitAnchor, checkGivenAnchor } from './ledger-anchor';
import { type LedgerContents, readLedger } from './ledger-read';
import { type IndexLookup, type SealAt, verifyRun } from './verify-run';
import {
  type AnchorCheck,
  ledgerFileProblem,
  type RunVerification,
  type VerifyProblem,
  type VerifyReport,
} from './verify-report';

export interface VerifyOptions {
  /**
   * The store's index, opened but not caught up, so that it still holds its earlier
   * reading of lines changed since: it then names the changed fields.
   */
  index?: RunIndex;
  /** Head hashes kept elsewhere (`labbook ledger anchor`) that the ledger must still hold. */
  anchors?: string[];
  /** Compare the ledger with its last copy committed to git; true by default. */
  gitAnchor?: boolean;
}

function ledgerProblem(
  ledger: LedgerContents,
  line: number | null,
  field: string | null,
  message: string,
): VerifyProblem {
  return ledgerFileProblem('ledger', ledger.path, line, field, message);
}

function ledgerBreakMessage(broken: ChainBreak): string {
  if (broken.fault === 'hash') {
    return 'the hash field of this line was changed; its content is as written.';
  }

  if (broken.fault === 'seq' || broken.fault === 'unreadable') {
    return `${broken.detail}.`;
  }

  return 'the line no longer matches its hash: a seal was changed.';
}

function ledgerProblems(ledger: LedgerContents): VerifyProblem[] {
  const problems = ledger.breaks.map((broken) =>
    ledgerProblem(
      ledger,
      broken.line,
      broken.fault === 'hash' ? 'hash' : broken.fault === 'seq' ? 'seq' : null,
      ledgerBreakMessage(broken),
    ),
  );
  for (const bad of ledger.badLines) {
    problems.push(ledgerProblem(ledger, bad.line, null, `${bad.reason}.`));
  }

  if (ledger.pendingBytes > 0) {
    problems.push(
      ledgerProblem(ledger, ledger.lines + 1, null, 'the last line is incomplete (torn).'),
    );
  }

  return problems;
}

function sealsByRun(ledger: LedgerContents): Map<string, Map<string, SealAt[]>> {
  const byRun = new Map<string, Map<string, SealAt[]>>();
  for (const at of ledger.seals) {
    const files = byRun.get(at.seal.run) ?? new Map<string, SealAt[]>();
    files.set(at.seal.file, [...(files.get(at.seal.file) ?? []), at]);
    byRun.set(at.seal.run, files);
  }

  return byRun;
}

/** The index's earlier reading of each run, for naming changed fields. */
function indexLookup(index: RunIndex): IndexLookup {
  return (runId) => {
    let detail;
    try {
      detail = index.getRun(runId, 'any');
    } catch {
      return undefined;
    }

    const series = new Map<string, Map<number, number[]>>();
    return {
      detail,
      metricSteps(key) {
        let steps = series.get(key);
        if (!steps) {
          steps = new Map();
          for (const found of index.series([runId], key)) {
            found.steps.forEach((step, at) => {
              const values = steps?.get(step) ?? [];
              values.push(found.values[at] as number);
              steps?.set(step, values);
            });
          }

          series.set(key, steps);
        }

        return steps;
      },
    };
  };
}

function missingRun(runId: string, files: Map<string, SealAt[]>): RunVerification {
  const names = [...files.keys()];
  const first = [...files.values()][0]?.[0];
  return {
    run: runId,
    location: 'missing',
    integrity: 'tampered',
    files: [],
    problems: [
      {
        kind: 'missing-run',
        run: runId,
        file: null,
        path: null,
        line: null,
        field: null,
        changes: [],
        message:
          `the run is gone from runs/ and trash/, though ${names.length} of its record files ` +
          `(${names.join(', ')}) were sealed, first at ledger line ${first?.line}.`,
      },
    ],
  };
}

/** Verifies the given runs (ids), or every run of the store, and the ledger. */
export async function verifyStore(
  layout: StoreLayout,
  runIds?: string[],
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const ledger = readLedger(layout);
  const problems = ledgerProblems(ledger);
  const anchors: AnchorCheck[] = [];
  const anchorChecks = [
    ...(options.gitAnchor === false ? [] : [await checkGitAnchor(layout)]),
    ...(options.anchors ?? []).map((hash) => checkGivenAnchor(ledger, hash)),
  ];
  for (const found of anchorChecks) {
    if (found) {
      anchors.push(found.check);
      problems.push(...(found.problem ? [found.problem] : []));
    }
  }

  const ledgerOk = problems.length === 0;
  const seals = sealsByRun(ledger);
  const inRuns = new Set(runFolderNames(layout.runsDir));
  const inTrash = new Set(runFolderNames(layout.trashDir));
  const ids = runIds ?? [...new Set([...inRuns, ...inTrash, ...seals.keys()])].sort();
  const lookup = options.index ? indexLookup(options.index) : undefined;

  const runs = ids.map((runId) => {
    const runSeals = seals.get(runId) ?? new Map<string, SealAt[]>();
    const location = inRuns.has(runId) ? 'runs' : inTrash.has(runId) ? 'trash' : undefined;
    if (!location) {
      return missingRun(runId, runSeals);
    }

    const dir = location === 'runs' ? layout.runDir(runId) : layout.trashedRunDir(runId);
    return verifyRun(runId, dir, location, runSeals, lookup);
  });

  for (const run of runs) {
    problems.push(...run.problems);
  }

  return {
    ok: problems.length === 0,
    checkedAt: new Date().toISOString(),
    ledger: {
      path: ledger.path,
      exists: existsSync(ledger.path),
      lines: ledger.lines,
      headHash: ledger.headHash,
      seals: ledger.seals.length,
      ok: ledgerOk,
      anchors,
    },
    runs,
    problems,
    fieldsFromIndex: lookup !== undefined,
  };
}
