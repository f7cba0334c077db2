/** `labbook diff RUN RUN`: what differs between two runs. */
import type { RunRecord } from '../../runindex/run-records';
import { encodeParam } from '../../runlog/numbers';
import type { CliCommand } from '../command';
import { formatCommand, formatValue } from '../format-values';
import { withIndex } from '../open-store';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';
import { jsonText, metricJson } from '../run-json';
import { formatTable } from '../text-table';

const USAGE = 'labbook diff RUN RUN [--json] [--all]     only differing keys unless --all';

/** One compared key; a side is left out where that run lacks the key. */
export interface DiffRow {
  key: string;
  a?: unknown;
  b?: unknown;
  same: boolean;
}

/** The keys that `diff` compares, in the query-language names, with their plain values. */
function comparable(run: RunRecord): Map<string, unknown> {
  const entries = new Map<string, unknown>([
    ['name', run.name],
    ['experiment', run.experiment],
    ['status', run.status],
    ['exitCode', run.exitCode],
    ['command', run.command],
    ['git.commit', run.git?.commit ?? null],
    ['git.dirty', run.git?.dirty ?? null],
  ]);

  for (const [key, value] of Object.entries(run.params)) {
    entries.set(`params.${key}`, value);
  }

  for (const [key, value] of Object.entries(run.tags)) {
    entries.set(`tags.${key}`, value);
  }

  for (const [key, summary] of Object.entries(run.metrics)) {
    entries.set(`metrics.${key}`, summary.last);
  }

  return entries;
}

/** A value as JSON can hold it: NaN and the infinities encoded as the record does. */
function jsonSafe(key: string, value: unknown): unknown {
  if (typeof value !== 'number') {
    return value;
  }

  return key.startsWith('params.') ? encodeParam(value) : metricJson(value);
}

/** Compares two runs key by key; NaN equals NaN, as a person reading them expects. */
export function diffRuns(a: RunRecord, b: RunRecord): DiffRow[] {
  const left = comparable(a);
  const right = comparable(b);
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  const fixed = keys.filter((key) => !key.includes('.') || key.startsWith('git.'));
  const keyed = keys.filter((key) => !fixed.includes(key)).sort();

  return [...fixed, ...keyed].map((key) => {
    const row: DiffRow = { key, same: false };
    if (left.has(key)) {
      row.a = left.get(key);
    }

    if (right.has(key)) {
      row.b = right.get(key);
    }

    const sameText = JSON.stringify(jsonSafe(key, row.a)) === JSON.stringify(jsonSafe(key, row.b));
    row.same = left.has(key) === right.has(key) && sameText;
    return row;
  });
}

/** A row for `--json`, with numbers JSON can hold. */
function rowJson(row: DiffRow): Record<string, unknown> {
  const json: Record<string, unknown> = { key: row.key };
  if ('a' in row) {
    json.a = jsonSafe(row.key, row.a);
  }

  if ('b' in row) {
    json.b = jsonSafe(row.key, row.b);
  }

  json.same = row.same;
  return json;
}

function cellText(row: DiffRow, side: 'a' | 'b'): string {
  if (!(side in row)) {
    return '-';
  }

  const value = row[side];
  return row.key === 'command' ? formatCommand(value as string[] | null) : formatValue(value);
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two runs: params, tags, metrics and how they ran',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(
      args,
      { ...STORE_OPTION, json: { type: 'boolean' }, all: { type: 'boolean' } },
      USAGE,
    );
    const [first, second] = positionals(parsed.positionals, ['RUN', 'RUN'], USAGE) as [
      string,
      string,
    ];
    const [a, b] = await withIndex(
      parsed.values.store,
      context,
      (index) => [index.getRun(first, 'any'), index.getRun(second, 'any')] as const,
    );

    const rows = diffRuns(a, b).filter((row) => parsed.values.all || !row.same);
    if (parsed.values.json) {
      context.stdout.write(
        jsonText({
          a: { id: a.id, name: a.name },
          b: { id: b.id, name: b.name },
          keys: rows.map(rowJson),
        }),
      );
      return 0;
    }

    if (rows.length === 0) {
      context.stdout.write(`No differences between ${a.name} and ${b.name}.\n`);
      return 0;
    }

    const columns = [
      { title: 'KEY', shrink: true },
      { title: `A: ${a.name}`, shrink: true },
      { title: `B: ${b.name}`, shrink: true },
    ];
    context.stdout.write(
      formatTable(
        columns,
        rows.map((row) => [row.key, cellText(row, 'a'), cellText(row, 'b')]),
      ),
    );
    return 0;
  },
};
