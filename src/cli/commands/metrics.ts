/** `labbook metrics RUN KEY`: the points of one metric, whole or downsampled. */
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { formatNumber, formatTime } from '../format-values';
import { withIndex } from '../open-store';
import { parseOptions, positionals, STORE_OPTION, wholeNumber } from '../parse-options';
import { jsonText, metricJson } from '../run-json';
import { formatTable } from '../text-table';

const USAGE = 'labbook metrics RUN KEY [--json] [--points N]';

export const metricsCommand: CliCommand = {
  name: 'metrics',
  summary: "Print a metric's points (downsampled to N with --points)",
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(
      args,
      { ...STORE_OPTION, json: { type: 'boolean' }, points: { type: 'string' } },
      USAGE,
    );
    const [reference, key] = positionals(parsed.positionals, ['RUN', 'KEY'], USAGE) as [
      string,
      string,
    ];
    const points = wholeNumber(parsed.values.points, '--points', 2);

    const { run, series } = await withIndex(parsed.values.store, context, (index) => {
      const found = index.getRun(reference, 'any');
      if (!(key in found.metrics)) {
        const known = Object.keys(found.metrics);
        throw new UserError(
          `run ${found.name} has no metric "${key}"; ` +
            (known.length ? `it has ${known.join(', ')}.` : 'it has no metrics.'),
          1,
        );
      }

      const [result] = index.series([found.id], key, points === undefined ? {} : { points });
      return { run: found, series: result };
    });

    const steps = Array.from(series?.steps ?? []);
    const values = Array.from(series?.values ?? []);
    const times = Array.from(series?.times ?? []);
    if (parsed.values.json) {
      context.stdout.write(
        jsonText({
          run: run.id,
          key,
          total: series?.total ?? 0,
          downsampled: series?.downsampled ?? false,
          points: steps.map((step, index) => ({
            step,
            value: metricJson(values[index] ?? NaN),
            time: times[index],
          })),
        }),
      );
      return 0;
    }

    const columns = [
      { title: 'STEP', right: true },
      { title: 'VALUE', right: true },
      { title: 'TIME' },
    ];
    const rows = steps.map((step, index) => [
      String(step),
      formatNumber(values[index]),
      formatTime(new Date((times[index] ?? 0) * 1000).toISOString(), true),
    ]);
    context.stdout.write(formatTable(columns, rows));
    if (series?.downsampled) {
      context.stdout.write(
        `(${steps.length} of ${series.total} points: lowest and highest per step range)\n`,
      );
    }

    return 0;
  },
};
