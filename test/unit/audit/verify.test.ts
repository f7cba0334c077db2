import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

import type { VerifyReport } from '../../../src/audit/verify-report';
import { AuditFolder, editLine, lineWith, replaceOnce } from './audit-fixtures';

async function verifyJson(store: AuditFolder, ...args: string[]) {
  const done = await store.labbook(['verify', '--json', ...args]);
  return { code: done.code, report: JSON.parse(done.stdout) as VerifyReport, stderr: done.stderr };
}

describe('labbook verify', () => {
  it('passes an untouched store, with every run sealed, and exits 0', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    await store.ok(['tag', id, 'stage=candidate']);

    const done = await store.ok(['verify']);
    assert.match(done.stdout, /1 checked: 1 sealed, 0 unsealed, 0 with problems/);
    assert.match(done.stdout, /Every chain and seal matches/);

    const { report } = await verifyJson(store);
    assert.equal(report.ok, true);
    assert.equal(report.ledger.seals, 2, 'the main file and the edit file are sealed');
    assert.deepEqual(
      report.runs.map((run) => run.integrity),
      ['sealed'],
    );
  });

  it('catches one flipped digit in a metric value at its line, naming run, file and field', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    await store.ok(['ls']);
    const file = store.recordFile(id);
    const line = lineWith(file, '"type":"metrics"');
    editLine(file, line, replaceOnce(',0.25,', ',0.26,'));

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    assert.equal(report.problems.length, 1);
    const [problem] = report.problems;
    assert.equal(problem?.kind, 'line-changed');
    assert.equal(problem?.run, id);
    assert.equal(problem?.file, 'events.jsonl');
    assert.equal(problem?.line, line);
    assert.equal(problem?.field, 'values.loss[3]');
    assert.deepEqual(problem?.changes, [{ field: 'values.loss[3]', indexed: 0.25, found: 0.26 }]);

    const text = await store.labbook(['verify']);
    assert.equal(text.code, 1);
    assert.ok(
      text.stdout.includes(`run ${id}, events.jsonl line ${line}, field values.loss[3]`),
      text.stdout,
    );
  });

  it('still names the line when no earlier reading can name the field, and says so', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    const file = store.recordFile(id);
    const line = lineWith(file, '"type":"metrics"');
    editLine(file, line, replaceOnce(',0.25,', ',0.26,'));
    rmSync(store.layout.indexPath, { force: true });

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    assert.equal(report.problems[0]?.line, line);
    assert.equal(report.problems[0]?.field, null);
    assert.match(report.problems[0]?.message ?? '', /which field changed cannot be told/);
  });

  it('tells a changed hash field apart from changed content', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    const file = store.recordFile(id);
    const line = lineWith(file, '"type":"metrics"');
    const text = readFileSync(file, 'utf8').split('\n');
    const original = text[line - 1] as string;
    const flipped = original.replace(
      /"hash":"(.)/,
      (_, first: string) => `"hash":"${first === '0' ? '1' : '0'}`,
    );
    text[line - 1] = flipped;
    writeFileSync(file, text.join('\n'));

    const { report } = await verifyJson(store);
    assert.equal(report.problems.length, 1, JSON.stringify(report.problems));
    assert.equal(report.problems[0]?.kind, 'hash-changed');
    assert.equal(report.problems[0]?.line, line);
    assert.equal(report.problems[0]?.field, 'hash');
  });

  it('catches a run file re-chained from the changed line on, against the ledger', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    await store.ok(['ls']);
    const file = store.recordFile(id);
    const line = lineWith(file, '"type":"metrics"');
    editLine(file, line, replaceOnce(',0.25,', ',0.26,'), true);

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    const [problem] = report.problems;
    assert.equal(problem?.kind, 'rewritten');
    assert.equal(problem?.run, id);
    assert.equal(problem?.file, 'events.jsonl');
    assert.equal(problem?.line, line);
    assert.equal(problem?.field, 'values.loss[3]');
    assert.equal(report.ledger.ok, true, 'the ledger itself is intact');
  });

  it('catches a re-chained file without an index at the sealed line, field "hash"', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun();
    const file = store.recordFile(id);
    editLine(file, lineWith(file, '"type":"metrics"'), replaceOnce(',0.25,', ',0.26,'), true);
    rmSync(store.layout.indexPath, { force: true });

    const { report } = await verifyJson(store);
    assert.equal(report.problems[0]?.kind, 'rewritten');
    assert.equal(report.problems[0]?.line, 3, 'the sealed last line');
    assert.equal(report.problems[0]?.field, 'hash');
  });

  it('reports lines appended after the seal, a sealed file gone, and a whole run gone', async () => {
    const store = new AuditFolder();
    const grown = await store.lossRun();
    const thinned = await store.lossRun();
    const vanished = await store.lossRun();
    await store.ok(['note', thinned, 'to be removed']);
    const [editFile] = store.recordFiles(thinned).filter((name) => name !== 'events.jsonl');
    appendFileSync(
      store.recordFile(grown),
      readFileSync(store.recordFile(grown), 'utf8').split('\n')[2] + '\n',
    );
    rmSync(store.recordFile(thinned, editFile as string));
    renameSync(store.layout.runDir(vanished), `${store.layout.root}/elsewhere`);

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    const kinds = (run: string): string[] =>
      report.problems.filter((problem) => problem.run === run).map((problem) => problem.kind);
    assert.deepEqual(kinds(grown), ['appended', 'sequence']);
    assert.equal(report.problems.find((problem) => problem.run === grown)?.line, 4);
    assert.deepEqual(kinds(thinned), ['missing-file']);
    assert.equal(report.problems.find((problem) => problem.run === thinned)?.file, editFile);
    assert.deepEqual(kinds(vanished), ['missing-run']);
  });

  it('fails a finished run whose seal was cut from the ledger, or whose ledger is gone', async () => {
    const store = new AuditFolder();
    const kept = await store.lossRun();
    const cut = await store.lossRun();
    const ledger = readFileSync(store.layout.ledgerPath, 'utf8').split('\n');
    writeFileSync(store.layout.ledgerPath, `${ledger[0]}\n`);

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    assert.deepEqual(
      report.problems.map((problem) => [problem.run, problem.kind, problem.file, problem.line]),
      [[cut, 'missing-seal', 'events.jsonl', 3]],
    );
    assert.equal(report.runs.find((run) => run.run === kept)?.integrity, 'sealed');

    rmSync(store.layout.ledgerPath);
    const gone = await verifyJson(store);
    assert.equal(gone.code, 1);
    assert.deepEqual(gone.report.problems.map((problem) => problem.run).sort(), [kept, cut].sort());
  });

  it('passes a run that never ended and was never sealed, as a crash leaves it', async () => {
    const store = new AuditFolder();
    const crashed = await store.lossRun();
    writeFileSync(store.layout.ledgerPath, '');
    const record = readFileSync(store.recordFile(crashed), 'utf8').split('\n');
    writeFileSync(store.recordFile(crashed), `${record.slice(0, -2).join('\n')}\n`);

    const { code, report } = await verifyJson(store);
    assert.equal(code, 0, JSON.stringify(report.problems));
    assert.equal(report.runs[0]?.integrity, 'unsealed');
  });

  it('catches a changed seal in the ledger at its ledger line', async () => {
    const store = new AuditFolder();
    await store.lossRun();
    editLine(store.layout.ledgerPath, 1, (body) => body.replace('"lines":3', '"lines":2'));

    const { code, report } = await verifyJson(store);
    assert.equal(code, 1);
    assert.equal(report.ledger.ok, false);
    const ledgerProblem = report.problems.find((problem) => problem.file === 'ledger.jsonl');
    assert.equal(ledgerProblem?.kind, 'ledger');
    assert.equal(ledgerProblem?.line, 1);
  });
});
