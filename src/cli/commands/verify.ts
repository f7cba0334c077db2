/** `labbook verify [RUN...]`: checks every hash chain and the ledger; non-zero on a mismatch. */
import { existsSync } from 'node:fs';

import type { VerifyProblem, VerifyReport } from '../../audit/verify-report';
import { verifyStore } from '../../audit/verify-store';
import { RunIndex } from '../../runindex/run-index';
import type { StoreLayout } from '../../store/layout';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { asUserError, commandStore } from '../open-store';
import { parseOptions, STORE_OPTION } from '../parse-options';
import { jsonText } from '../run-json';

const USAGE = 'labbook verify [RUN...] [--json] [--anchor HASH]...';

/** At most this many problems are listed one by one in text output. */
const PROBLEMS_SHOWN = 50;

/** The run ids for the references given: folder names first, then the index's names. */
function resolveRuns(references: string[], layout: StoreLayout, index: RunIndex): string[] {
  return references.map((reference) => {
    if (existsSync(layout.runDir(reference)) || existsSync(layout.trashedRunDir(reference))) {
      return reference;
    }

    try {
      return index.getRun(reference, 'any').id;
    } catch (error) {
      throw asUserError(error);
    }
  });
}

/** Where a problem is, as `run R, events.jsonl line 7, field values.loss[2]`. */
export function problemPlace(problem: VerifyProblem): string {
  const parts = [
    problem.run ? `run ${problem.run}` : undefined,
    problem.file
      ? `${problem.file}${problem.line !== null ? ` line ${problem.line}` : ''}`
      : undefined,
    problem.field ? `field ${problem.field}` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function ledgerText(report: VerifyReport): string[] {
  const { ledger } = report;
  if (!ledger.exists) {
    return ['Ledger   none yet: no record has been sealed.'];
  }

  const lines = [
    `Ledger   ${ledger.path}: ${ledger.seals} seals, ${ledger.ok ? 'intact' : 'DAMAGED'}`,
    `         head hash ${ledger.headHash}`,
  ];
  for (const anchor of report.ledger.anchors) {
    const where = anchor.source === 'git' ? `git commit ${anchor.commit?.slice(0, 12)}` : 'given';
    const state = anchor.ok ? `holds (line ${anchor.line})` : 'NO LONGER HOLDS';
    lines.push(`         anchor ${anchor.headHash.slice(0, 16)}… (${where}): ${state}`);
  }

  return lines;
}

function reportText(report: VerifyReport): string {
  const count = (integrity: string): number =>
    report.runs.filter((run) => run.integrity === integrity).length;
  const lines = [
    ...ledgerText(report),
    `Runs     ${report.runs.length} checked: ${count('sealed')} sealed, ` +
      `${count('unsealed')} unsealed, ${count('tampered')} with problems`,
  ];

  const unsealed = report.runs.filter((run) => run.integrity === 'unsealed');
  if (unsealed.length > 0) {
    lines.push(
      '',
      'Unsealed runs (chains intact, but files not sealed in the ledger: the run is going,',
      'or a writer crashed before closing its file; a re-chained file would go unseen):',
      ...unsealed.map(
        (run) =>
          `  ${run.run}: ${run.files
            .filter((file) => file.sealedAt === null)
            .map((file) => file.file)
            .join(', ')}`,
      ),
    );
  }

  if (report.problems.length > 0) {
    lines.push('', `${report.problems.length} problem(s):`);
    for (const problem of report.problems.slice(0, PROBLEMS_SHOWN)) {
      lines.push(`  ${problemPlace(problem)}: ${problem.message}`);
    }

    if (report.problems.length > PROBLEMS_SHOWN) {
      lines.push(`  … and ${report.problems.length - PROBLEMS_SHOWN} more (see --json).`);
    }

    if (!report.fieldsFromIndex) {
      lines.push('  (No index was at hand, so changed fields could not be named.)');
    }
  } else {
    lines.push('', 'Every chain and seal matches.');
  }

  return `${lines.join('\n')}\n`;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Check every hash chain and the ledger; exit 1 when anything no longer matches',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(
      args,
      { ...STORE_OPTION, json: { type: 'boolean' }, anchor: { type: 'string', multiple: true } },
      USAGE,
    );
    const anchors = parsed.values.anchor ?? [];
    const badAnchor = anchors.find((hash) => !/^[0-9a-f]{64}$/.test(hash));
    if (badAnchor !== undefined) {
      throw new UserError(`--anchor takes a 64-digit hex head hash, not "${badAnchor}".`);
    }

    const layout = commandStore(parsed.values.store, context);
    // Not caught up on purpose: the index's earlier reading names the fields that changed.
    const index = await RunIndex.open(layout);
    let report: VerifyReport;
    try {
      const runIds = parsed.positionals.length
        ? resolveRuns(parsed.positionals, layout, index)
        : undefined;
      report = await verifyStore(layout, runIds, { index, anchors });
    } finally {
      index.close();
    }

    context.stdout.write(parsed.values.json ? jsonText(report) : reportText(report));
    return report.ok ? 0 : 1;
  },
};
