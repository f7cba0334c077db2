/**
 * Writes an experiment report (HTML or Markdown) for the CLI's `labbook report` and the
 * extension's "Export Experiment Report":
 *
 *     const written = await writeReport(layout, { experiment: 'mnist' }, 'report.html');
 *     written.verified; written.badLines;
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

import { RunIndex } from '../../runindex/run-index';
import type { BadLine } from '../../runlog/reader';
import type { StoreLayout } from '../../store/layout';
import { verifyStore } from '../verify-store';
import { gatherReport, type ReportData, type ReportOptions } from './report-data';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-markdown';
import { reportDocument } from './report-sections';

export type ReportFormat = 'html' | 'markdown';

/** The format a file name asks for, or undefined for an extension the report cannot write. */
export function reportFormatOf(path: string): ReportFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') {
    return 'html';
  }

  return extension === '.md' || extension === '.markdown' ? 'markdown' : undefined;
}

/** What was written. */
export interface WrittenReport {
  path: string;
  format: ReportFormat;
  runs: number;
  chosen: string | undefined;
  /** Whether verification found nothing changed. */
  verified: boolean;
  ledgerHead: string;
  /** Lines the index skipped while catching up. */
  badLines: BadLine[];
}

/** Gathers a report's contents, verifying its runs against an earlier reading of the index. */
export async function buildReport(
  layout: StoreLayout,
  options: ReportOptions,
): Promise<{ data: ReportData; badLines: BadLine[] }> {
  // Two readings of the index: the one on disk names changed fields, as in `labbook
  // verify`; the caught-up one decides which runs are in scope and supplies their data.
  const earlier = await RunIndex.open(layout);
  const index = await RunIndex.open(layout);
  try {
    const { badLines } = index.catchUp();
    const gathered = gatherReport(index, layout, options);
    const ids = new Set(gathered.runs.map((run) => run.id));
    if (gathered.chosen) {
      ids.add(gathered.chosen.id);
    }

    const verification = await verifyStore(layout, [...ids], { index: earlier });
    const data = { ...gathered, verification };
    index.persist();
    return { data, badLines };
  } finally {
    earlier.close();
    index.close();
  }
}

/** Writes the report to `path`, in the format its extension names (.html or .md). */
export async function writeReport(
  layout: StoreLayout,
  options: ReportOptions,
  path: string,
): Promise<WrittenReport> {
  const format = reportFormatOf(path);
  if (!format) {
    throw new RangeError(`The report is written as .html or .md, not "${extname(path) || path}".`);
  }

  const { data, badLines } = await buildReport(layout, options);
  const document = reportDocument(data);
  const text = format === 'html' ? reportHtml(document) : reportMarkdown(document);
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);

  return {
    path: target,
    format,
    runs: data.runs.length,
    chosen: data.chosen?.id,
    verified: data.verification.ok,
    ledgerHead: data.verification.ledger.headHash,
    badLines,
  };
}
