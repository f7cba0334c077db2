/**
 * Numbers that JSON cannot hold or that sit at the edges of a double, logged through the Node
 * and Python SDKs and read back through the CLI's JSON: each comes back exactly, or as the
 * record's spelling for it.
 */
import { strict as assert } from 'node:assert';

import { recordJson } from '../../src/runlog/record-json';
import { NUMBERS, type NumberInput } from './corpus';
import { itEachCase } from './hostile-helpers';

/** The program that logs the case's value(s) as metric `m` or param `p` of a run named `n`. */
function program(input: NumberInput): { language: 'node' | 'python'; source: string } {
  switch (input.via) {
    case 'node metric':
      return {
        language: 'node',
        source: `labbook.init({ name: 'n' }).log({ m: ${input.value} });`,
      };
    case 'node param':
      return {
        language: 'node',
        source: `labbook.init({ name: 'n', params: { p: ${input.value} } });`,
      };
    case 'node steps':
      return {
        language: 'node',
        source: `const run = labbook.init({ name: 'n' });\n${input.steps
          .map((step, at) => `run.log({ m: ${at} }, ${step});`)
          .join('\n')}`,
      };
    case 'python metric':
      return {
        language: 'python',
        source: [
          'import labbook',
          'labbook.init(name="n")',
          `for step, value in enumerate([${input.value}]):`,
          '    labbook.log({"m": value}, step=step)',
        ].join('\n'),
      };
    case 'python param':
      return {
        language: 'python',
        source: [
          'import labbook',
          `values = [${input.value}]`,
          'labbook.init(name="n", params={"p%d" % at: value for at, value in enumerate(values)})',
        ].join('\n'),
      };
  }
}

describe('hostile input: numbers', function () {
  this.timeout(60_000);

  itEachCase(NUMBERS, async (entry, store) => {
    const { language, source } = program(entry.input);
    const made = language === 'node' ? await store.node(source) : await store.python(source);
    assert.equal(made.code, 0, made.stderr);

    const [run] = JSON.parse((await store.ok(['ls', '--json'])).stdout) as {
      params: Record<string, unknown>;
      metrics: Record<string, { last: unknown }>;
    }[];
    const { input } = entry;
    const series = input.via.endsWith('param')
      ? { points: [] }
      : (JSON.parse((await store.ok(['metrics', 'n', 'm', '--json'])).stdout) as {
          points: { step: number; value: unknown }[];
        });
    if (input.via === 'node steps') {
      assert.deepEqual(
        series.points.map((point) => point.step),
        input.steps,
      );
    } else if (input.via === 'node metric') {
      assert.equal(recordJson(run?.metrics.m?.last), input.json);
      assert.equal(recordJson(series.points[0]?.value), input.json);
    } else if (input.via === 'node param') {
      assert.equal(recordJson(run?.params.p), input.json);
    } else if (input.via === 'python metric') {
      assert.equal(recordJson(series.points.map((point) => point.value)), input.json);
    } else {
      const params = run?.params ?? {};
      const values = Object.keys(params)
        .sort()
        .map((key) => params[key]);
      assert.equal(recordJson(values), input.json);
    }
  });
});
