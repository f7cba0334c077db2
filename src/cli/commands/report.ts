/** `labbook report --out FILE`: a self-contained report of an experiment, in HTML or Markdown. */
import { resolve } from 'node:path';

import { reportFormatOf, writeReport } from '../../audit/report/write-report';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { asUserError, commandStore, reportBadLines } from '../open-store';
import { parseOptions, STORE_OPTION } from '../parse-options';

const USAGE =
  'labbook report [--experiment EXP] [--filter EXPR] [--run RUN] --out report.html|report.md';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Write a self-contained report of an experiment (HTML or Markdown)',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseOptions(
      args,
      {
        ...STORE_OPTION,
        experiment: { type: 'string' },
        filter: { type: 'string' },
        run: { type: 'string' },
        out: { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length > 0 || !values.out) {
      throw new UserError(`expected --out FILE and no other arguments. Usage: ${USAGE}`);
    }

    if (!reportFormatOf(values.out)) {
      throw new UserError(`--out must end in .html or .md, not "${values.out}".`);
    }

    const layout = commandStore(values.store, context);
    let written;
    try {
      written = await writeReport(
        layout,
        {
          ...(values.experiment ? { experiment: values.experiment } : {}),
          ...(values.filter ? { filter: values.filter } : {}),
          ...(values.run ? { run: values.run } : {}),
        },
        resolve(context.cwd, values.out),
      );
    } catch (error) {
      throw asUserError(error);
    }

    reportBadLines(written.badLines, context);
    const verdict = written.verified
      ? 'every record verified'
      : 'VERIFICATION FOUND PROBLEMS (see the report)';
    context.stdout.write(
      `Wrote ${written.path}: ${written.runs} runs, ${verdict}, ledger head ` +
        `${written.ledgerHead || '(empty)'}.\n`,
    );
    return written.verified ? 0 : 1;
  },
};
