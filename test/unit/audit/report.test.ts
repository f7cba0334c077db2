import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { writeReport } from '../../../src/audit/report/write-report';
import { RunWriter } from '../../../src/runlog/run-writer';
import { appendEdit } from '../../../src/store/run-edits';
import type { StoreLayout } from '../../../src/store/layout';
import { launchChromiumAt } from '../../rig/chromium';
import { REPO_ROOT } from '../launch/processes';
import { AuditFolder, editLine, lineWith, replaceOnce } from './audit-fixtures';

const CHROMIUM = process.env.LABBOOK_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = join(REPO_ROOT, 'test-results', 'audit');

/** Run text that would run script or load something if a report failed to escape it. */
const HOSTILE = {
  name: '<script>alert("name")</script>',
  param: '<img src=x onerror=alert(1)>',
  note: '</td></tr></table><script>alert("note")</script>',
  decision: '"><svg onload=alert(1)>',
  tag: "javascript:alert('tag')",
};

const SECTIONS = [
  '1. About this document',
  '2. Runs',
  '3. Metrics',
  '4. Decisions',
  `5. The chosen run: ${HOSTILE.name}`,
  '6. History of changes',
  '7. Verification',
  '8. Glossary',
];

/** Three runs of one experiment, one of them final with a hostile name and a decision. */
function experiment(layout: StoreLayout): string[] {
  const ids = [0.1, 0.03, 0.01].map((lr, at) => {
    const writer = RunWriter.start(layout, {
      writer: 'test',
      name: at === 2 ? HOSTILE.name : `lr ${lr}`,
      experiment: 'triage',
      command: ['python', 'train.py', '--lr', String(lr)],
      params: { lr, note: HOSTILE.param },
      tags: { stage: at === 2 ? 'final' : 'candidate', source: HOSTILE.tag },
      git: { commit: 'a'.repeat(40), branch: 'main', remote: null, dirty: false },
    });
    for (let step = 0; step < 200; step += 1) {
      writer.log({ loss: Math.exp(-lr * step), accuracy: 1 - Math.exp(-lr * step) / 2 }, step);
    }

    writer.end('finished', { exitCode: 0 });
    return writer.id;
  });

  const final = ids[2] as string;
  const target = {
    id: final,
    name: HOSTILE.name,
    dir: layout.runDir(final),
    status: 'finished' as const,
  };
  appendEdit(layout, target, 'cli', (writer) => writer.note(HOSTILE.note, HOSTILE.decision));
  return ids;
}

describe('labbook report', () => {
  it('renders in Chromium with every section, fetches nothing and runs nothing', async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`SKIPPED: no Chromium at ${CHROMIUM}, so the report was not rendered.`);
      this.skip();
    }

    this.timeout(60_000);
    const store = new AuditFolder();
    experiment(store.layout);
    const out = join(store.folder, 'report.html');
    const written = await writeReport(store.layout, { experiment: 'triage' }, out);
    assert.equal(written.verified, true);
    assert.equal(written.runs, 3);

    const browser = await launchChromiumAt(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const requests: string[] = [];
      const dialogs: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.request().url().startsWith('file:') ? route.continue() : route.abort();
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`file://${out}`);

      const headings = await page.locator('section > h2').allTextContents();
      assert.deepEqual(headings, SECTIONS);
      assert.equal(await page.locator('script, img, iframe, object, embed, link').count(), 0);
      assert.equal(await page.locator('#metrics svg').count(), 2, 'a chart per metric');
      assert.equal(await page.locator('#metrics svg polyline').count(), 6, 'a curve per run');
      const decisions = await page.locator('#decisions td').allTextContents();
      assert.ok(decisions.includes(HOSTILE.decision), 'the decision title shows as text');
      assert.ok(decisions.includes(HOSTILE.note));
      const verdict = await page.locator('#verification p.ok').first().textContent();
      assert.match(verdict ?? '', /every line of the records of the 3 run\(s\)/);
      assert.deepEqual(requests, [`file://${out}`], 'nothing but the file itself is loaded');
      assert.deepEqual(dialogs, []);

      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, 'report.png'), fullPage: true });
      await page.pdf({ path: join(RESULTS, 'report.pdf'), format: 'A4', printBackground: true });
    } finally {
      await browser.close();
    }

    assert.equal(readFileSync(join(RESULTS, 'report.pdf')).subarray(0, 5).toString(), '%PDF-');
    assert.ok(statSync(join(RESULTS, 'report.png')).size > 50_000);
  });

  it('holds no external reference and no run text unescaped', async () => {
    const store = new AuditFolder();
    experiment(store.layout);
    const out = join(store.folder, 'report.html');
    await writeReport(store.layout, {}, out);
    const html = readFileSync(out, 'utf8');

    assert.doesNotMatch(html, /<script|<img|<iframe|<link|@import|url\(/i);
    assert.doesNotMatch(html, /\b(?:src|href)\s*=\s*"(?!#)/i, 'only links within the page');
    assert.doesNotMatch(html, /https?:/i);
    for (const text of Object.values(HOSTILE)) {
      if (/[<>"']/.test(text)) {
        assert.ok(!html.includes(text), `${text} appears unescaped`);
      }
    }

    assert.ok(html.includes('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('writes Markdown with every section, charts as data URLs and escaped values', async () => {
    const store = new AuditFolder();
    experiment(store.layout);
    const done = await store.ok(['report', '--experiment', 'triage', '--out', 'report.md']);
    assert.match(
      done.stdout,
      /Wrote .*report\.md: 3 runs, every record verified, ledger head [0-9a-f]{64}/,
    );
    const markdown = readFileSync(join(store.folder, 'report.md'), 'utf8');

    for (const title of [
      'About this document',
      'Runs',
      'Metrics',
      'Decisions',
      'History of changes',
      'Verification',
      'Glossary',
    ]) {
      assert.match(markdown, new RegExp(`^## \\d\\. ${title}$`, 'm'));
    }

    assert.equal(markdown.match(/\(data:image\/svg\+xml;base64,/g)?.length, 2);
    assert.doesNotMatch(markdown, /<script|<img|<svg|https?:/i);
    assert.ok(markdown.includes('&lt;script&gt;alert\\(&quot;name&quot;\\)&lt;/script&gt;'));
  });

  it('reports a changed record, naming the line, and exits 1', async () => {
    const store = new AuditFolder();
    const [first] = experiment(store.layout);
    await store.ok(['ls']);
    const file = store.recordFile(first as string);
    const line = lineWith(file, '"type":"metrics"');
    editLine(file, line, replaceOnce('"loss":[1,', '"loss":[2,'));

    const done = await store.labbook(['report', '--out', 'tampered.html']);
    assert.equal(done.code, 1);
    assert.match(done.stdout, /VERIFICATION FOUND PROBLEMS/);
    const html = readFileSync(join(store.folder, 'tampered.html'), 'utf8');
    assert.match(html, /<p class="bad">Checked .*1 problem\(s\) found/);
    assert.ok(
      html.includes(`<td>events.jsonl</td><td>${line}</td><td>values.loss[0]</td>`),
      'the problem row names file, line and field',
    );
  });
});
