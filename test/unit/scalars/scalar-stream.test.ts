import { strict as assert } from 'node:assert';

import { ScalarStream } from '../../../src/scalars/scalar-stream';

interface Row {
  step: number;
  values: Record<string, number>;
}

function parse(chunks: string[]): Row[] {
  const rows: Row[] = [];
  const stream = new ScalarStream((values, step) => rows.push({ step, values: { ...values } }));
  for (const chunk of chunks) {
    stream.write(Buffer.from(chunk));
  }

  stream.end();
  return rows;
}

describe('stdout scalars', () => {
  it('reads key: value lines and starts a new step when a key repeats', () => {
    const rows = parse(['loss: 0.5\nacc: 0.9\nloss: 0.4\nacc: 0.95\n']);
    assert.deepEqual(rows, [
      { step: 0, values: { loss: 0.5, acc: 0.9 } },
      { step: 1, values: { loss: 0.4, acc: 0.95 } },
    ]);
  });

  it('lets a step scalar set the step of the lines after it', () => {
    const rows = parse(['step: 10\nloss: 1\nstep: 20\nloss: 2\n']);
    assert.deepEqual(rows, [
      { step: 10, values: { loss: 1 } },
      { step: 20, values: { loss: 2 } },
    ]);
  });

  it('reads nan, inf, signs and exponents', () => {
    const rows = parse(['a: nan\nb: -inf\nc: +Infinity\nd: 1e-3\ne: -.5\n']);
    assert.equal(rows.length, 1);
    const values = rows[0]?.values ?? {};
    assert.ok(Number.isNaN(values.a));
    assert.equal(values.b, -Infinity);
    assert.equal(values.c, Infinity);
    assert.equal(values.d, 0.001);
    assert.equal(values.e, -0.5);
  });

  it('ignores lines that are almost scalars', () => {
    const rows = parse([
      'Epoch 3/10\nEpoch: 3/10\nloss = 0.5\ntime: 12:30:45\n12: 5\nlr: 1e-3 (warmup)\n',
      'Step 3: validation took 0.5s\naccuracy: 91%\nname: resnet\n',
    ]);
    assert.deepEqual(rows, []);
  });

  it('joins a line split across chunks, even inside a multi-byte character', () => {
    const bytes = Buffer.from('note: é\nloss: 0.25\n');
    const rows: Row[] = [];
    const stream = new ScalarStream((values, step) => rows.push({ step, values }));
    for (let i = 0; i < bytes.length; i += 3) {
      stream.write(bytes.subarray(i, i + 3));
    }

    stream.end();
    assert.deepEqual(rows, [{ step: 0, values: { loss: 0.25 } }]);
  });

  it('takes a progress bar line as what the terminal finally shows', () => {
    const rows = parse([
      '\r 10%|#   | 1/10\r 50%|### | 5/10\r\x1b[2K\r\x1b[32mloss: 0.5\x1b[0m\n',
      '\r100%|####| 10/10 [00:01<00:00, loss=0.4]\n',
    ]);
    assert.deepEqual(rows, [{ step: 0, values: { loss: 0.5 } }]);
  });

  it('reads Windows line endings', () => {
    assert.deepEqual(parse(['loss: 1\r\nloss: 2\r\n']), [
      { step: 0, values: { loss: 1 } },
      { step: 1, values: { loss: 2 } },
    ]);
  });

  it('emits the last line even without a newline', () => {
    assert.deepEqual(parse(['loss: 3']), [{ step: 0, values: { loss: 3 } }]);
  });

  it('uses custom patterns instead of the default when given', () => {
    const rows: Row[] = [];
    const stream = new ScalarStream(
      (values, step) => rows.push({ step, values }),
      [{ regex: /Loss=(?<value>\S+)/, key: 'loss' }, { regex: /^(?<key>\w+) is (?<value>\S+)$/ }],
    );
    stream.write(Buffer.from('iter 1 Loss=0.7\nacc is 0.8\nloss: 9\n'));
    stream.end();
    assert.deepEqual(rows, [{ step: 0, values: { loss: 0.7, acc: 0.8 } }]);
  });
});
