import { strict as assert } from 'node:assert';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { MAX_LINE_BYTES, readRecordFile } from '../../../src/runlog/reader';
import { RecordLines, startEvent } from '../helpers/record-lines';
import { tempFolder } from '../helpers/temp-store';

const params = (value: number): Record<string, unknown> => ({
  type: 'params',
  params: { a: value },
});

describe('reading a record file', () => {
  it('leaves a torn last line unread and reads it once it is complete', () => {
    const file = new RecordLines(join(tempFolder(), 'events.jsonl'));
    file.add(startEvent('r'), params(1));
    file.raw('{"seq":2,"time":1800000000,"type":"params","par');

    const first = readRecordFile(file.path);
    assert.equal(first.events.length, 2);
    assert.deepEqual(first.bad, []);
    assert.ok(first.pendingBytes > 0);

    file.raw('ams":{"a":3}}\n');
    const second = readRecordFile(file.path, first.position);
    assert.deepEqual(
      second.events.map((event) => event.seq),
      [2],
    );
    assert.equal(second.pendingBytes, 0);
    assert.equal(second.position.lines, 3);
  });

  it('reports garbage lines with file and line number and keeps reading', () => {
    const file = new RecordLines(join(tempFolder(), 'events.jsonl'));
    file.add(startEvent('r'));
    file.raw('this is not json\n');
    file.raw('[1, 2]\n');
    file.raw('{"seq":5,"time":1,"type":"teleport"}\n');
    file.raw(
      '{"seq":6,"time":1,"type":"metrics","steps":[0],"times":[1],"values":{"x":["big"]}}\n',
    );
    file.raw('\n');
    file.raw('{"seq":0,"time":1,"type":"params","params":{"a":1}}\n');
    file.raw('{"seq":9,"time":1,"type":"params","params":{"a":2}}\n');

    const result = readRecordFile(file.path);
    assert.deepEqual(
      result.events.map((event) => event.seq),
      [0, 9],
    );
    assert.deepEqual(
      result.bad.map((bad) => [bad.line, bad.reason]),
      [
        [2, 'not valid JSON'],
        [3, 'not a JSON object'],
        [4, 'unknown event type "teleport"'],
        [5, 'metric "x" has a value in row 0 that is not a number'],
        [6, 'empty line'],
        [7, 'sequence number 0 repeats or goes back (last was 0)'],
      ],
    );
    assert.ok(result.bad.every((bad) => bad.file === file.path));
  });

  it('refuses a line over 64 MiB as a bad line and reads the lines after it', function () {
    this.timeout(60_000);
    const path = join(tempFolder(), 'events.jsonl');
    const file = new RecordLines(path);
    file.add(startEvent('r'));

    // Written in pieces so that the test itself never holds the huge line.
    const fd = openSync(path, 'a');
    const piece = Buffer.alloc(4 * 1024 * 1024, 'x');
    writeSync(fd, '{"seq":1,"time":1,"type":"note","text":"');
    for (let written = 0; written <= MAX_LINE_BYTES; written += piece.length) {
      writeSync(fd, piece);
    }

    writeSync(fd, '"}\n');
    closeSync(fd);
    new RecordLines(path, 2).add(params(2));

    const before = process.memoryUsage().arrayBuffers;
    const result = readRecordFile(path);
    const grown = process.memoryUsage().arrayBuffers - before;

    assert.deepEqual(
      result.events.map((event) => event.seq),
      [0, 2],
    );
    assert.equal(result.bad.length, 1);
    assert.equal(result.bad[0]?.line, 2);
    assert.match(result.bad[0]?.reason ?? '', /longer than/);
    assert.ok(grown < 2 * MAX_LINE_BYTES, `reading held ${grown} bytes`);
  });

  it('stops after about maxBytes and continues from the returned position', () => {
    const file = new RecordLines(join(tempFolder(), 'events.jsonl'));
    file.add(startEvent('r'));
    const text = 'y'.repeat(100_000);
    for (let index = 0; index < 100; index += 1) {
      file.add({ type: 'note', text, user: 'tester' });
    }

    const seen: number[] = [];
    let calls = 0;
    let result = readRecordFile(file.path, undefined, { maxBytes: 1 });
    for (;;) {
      calls += 1;
      seen.push(...result.events.map((event) => event.seq));
      if (result.pendingBytes === 0) {
        break;
      }

      result = readRecordFile(file.path, result.position, { maxBytes: 1 });
    }

    assert.ok(calls > 1, 'a 10 MB file is read in more than one piece');
    assert.deepEqual(
      seen,
      Array.from({ length: 101 }, (_, index) => index),
    );
  });
});
