/** The report's verification section: the verifier's verdict, in words and in tables. */
import type { VerifyReport } from '../verify-report';
import type { Block, Cell, Section } from './report-document';
import { mono } from './report-document';
import { utcTime } from './report-text';

const INTEGRITY_WORDS = {
  sealed: 'intact and sealed',
  unsealed: 'intact, not sealed',
  tampered: 'CHANGED',
};

function verdict(report: VerifyReport): Block {
  const runs = report.runs.length;
  if (!report.ok) {
    return {
      kind: 'paragraph',
      tone: 'bad',
      text:
        `Checked ${utcTime(report.checkedAt)}: ${report.problems.length} problem(s) found. ` +
        'The record below no longer matches what was written; the table of problems names ' +
        'each run, file, line and, where it can, the field that changed.',
    };
  }

  const unsealed = report.runs.filter((run) => run.integrity === 'unsealed').length;
  const caveat =
    unsealed > 0
      ? ` ${unsealed} of them are not sealed in the ledger (still running, or a writer ` +
        'crashed before closing its file): their chains are intact, but a record ' +
        'rewritten as a whole would not be detected for them.'
      : '';
  return {
    kind: 'paragraph',
    tone: 'ok',
    text:
      `Checked ${utcTime(report.checkedAt)}: every line of the records of the ${runs} ` +
      'run(s) in this report still matches its hash chain, and every sealed record matches ' +
      `its seal in the ledger.${caveat}`,
  };
}

function ledgerFields(report: VerifyReport): Block {
  const { ledger } = report;
  const rows: [string, Cell][] = [
    ['Ledger file', mono(ledger.path)],
    ['Seals', String(ledger.seals)],
    ['Head hash', mono(ledger.headHash || '(empty)')],
    ['Ledger chain', ledger.ok ? { text: 'intact', tone: 'ok' } : { text: 'DAMAGED', tone: 'bad' }],
  ];
  for (const anchor of ledger.anchors) {
    const where = anchor.source === 'git' ? `git commit ${anchor.commit ?? ''}` : 'given';
    rows.push([
      `Anchor (${where})`,
      anchor.ok
        ? { text: `holds: ${anchor.headHash} is line ${anchor.line}`, tone: 'ok' }
        : { text: `NO LONGER HOLDS: ${anchor.headHash}`, tone: 'bad' },
    ]);
  }

  if (ledger.anchors.length === 0) {
    rows.push(['Anchor', 'none: the ledger has not been committed to git']);
  }

  return { kind: 'fields', rows };
}

/** The verification section. */
export function verificationSection(report: VerifyReport): Section {
  return {
    id: 'verification',
    title: 'Verification',
    blocks: [
      verdict(report),
      ledgerFields(report),
      { kind: 'subheading', text: 'Runs checked' },
      {
        kind: 'table',
        headers: ['Run id', 'Record', 'Files sealed'],
        rows: report.runs.map((run) => [
          mono(run.run),
          {
            text: INTEGRITY_WORDS[run.integrity],
            tone: run.integrity === 'tampered' ? 'bad' : 'ok',
          },
          `${run.files.filter((file) => file.sealedAt !== null).length} of ${run.files.length}`,
        ]),
        empty: 'No run was checked.',
      },
      { kind: 'subheading', text: 'Problems' },
      {
        kind: 'table',
        headers: ['Run', 'File', 'Line', 'Field', 'What no longer matches'],
        rows: report.problems.map((problem) => [
          mono(problem.run ?? '—'),
          problem.file ?? '—',
          problem.line === null ? '—' : String(problem.line),
          problem.field ?? '—',
          problem.message,
        ]),
        empty: 'None.',
      },
      {
        kind: 'paragraph',
        tone: 'note',
        text:
          'To repeat this check on the store: "labbook verify". To check that the ledger ' +
          'still holds the state this report was made from: "labbook verify --anchor ' +
          `${report.ledger.headHash || 'HEAD-HASH'}".`,
      },
    ],
  };
}
