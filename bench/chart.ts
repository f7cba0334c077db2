/**
 * Draws docs/benchmarks.md's chart from the bench's JSON: the time to chart one metric
 * of several runs, downsampled to 1,000 points each, against how many points each run
 * holds. An SVG by hand keeps the bench free of a plotting library.
 *
 *   npm run bench:chart -- RESULTS.json OUTPUT.svg   (RESULTS.json from `npm run bench -- --out`)
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { SeriesSweep } from './suites/series';

const WIDTH = 640;
const HEIGHT = 380;
const MARGIN = { left: 64, right: 24, top: 48, bottom: 56 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

interface BenchJson {
  seriesSweep?: SeriesSweep;
  series_20x100k_ms?: { goal: string };
  machine?: { cores: number; cpu: string; node: string };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** The chart as SVG text. */
export function seriesChart(results: BenchJson): string {
  const sweep = results.seriesSweep;
  if (!sweep || sweep.sweep.length < 2) {
    throw new Error('The results have no series sweep; run the series suite first.');
  }

  const goal = Number(/[\d.]+/.exec(results.series_20x100k_ms?.goal ?? '')?.[0] ?? NaN);
  const points = sweep.sweep;
  const minX = Math.log10(points[0]?.points ?? 1);
  const maxX = Math.log10(points[points.length - 1]?.points ?? 10);
  const maxY = niceCeiling(Math.max(...points.map((point) => point.ms), goal || 0) * 1.15);
  const x = (count: number): number =>
    MARGIN.left + ((Math.log10(count) - minX) / (maxX - minX)) * PLOT_WIDTH;
  const y = (ms: number): number => MARGIN.top + PLOT_HEIGHT - (ms / maxY) * PLOT_HEIGHT;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">` +
      `Charting one metric of ${sweep.runs} runs, 1,000 points each</text>`,
  ];

  for (let tick = 0; tick <= 5; tick += 1) {
    const ms = (maxY / 5) * tick;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(ms)}" y2="${y(ms)}" ` +
        'stroke="#e3e3e3"/>',
      `<text x="${MARGIN.left - 8}" y="${y(ms) + 4}" text-anchor="end">${ms}</text>`,
    );
  }

  for (const point of points) {
    const label = point.points >= 1000 ? `${point.points / 1000}k` : String(point.points);
    parts.push(
      `<text x="${x(point.points)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">` +
        `${label}</text>`,
    );
  }

  if (Number.isFinite(goal)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(goal)}" y2="${y(goal)}" ` +
        'stroke="#c0392b" stroke-dasharray="6 4"/>',
      `<text x="${WIDTH - MARGIN.right}" y="${y(goal) - 6}" text-anchor="end" fill="#c0392b">` +
        `goal at 100k points: ${goal} ms</text>`,
    );
  }

  const line = points.map((point) => `${x(point.points)},${y(point.ms)}`).join(' ');
  parts.push(`<polyline points="${line}" fill="none" stroke="#2a6fdb" stroke-width="2"/>`);
  points.forEach((point, position) => {
    // The end labels lean inwards, clear of the y axis's numbers and the right edge.
    const anchor = position === 0 ? 'start' : position === points.length - 1 ? 'end' : 'middle';
    parts.push(
      `<circle cx="${x(point.points)}" cy="${y(point.ms)}" r="4" fill="#2a6fdb"/>`,
      `<text x="${x(point.points)}" y="${y(point.ms) - 10}" text-anchor="${anchor}">` +
        `${point.ms.toFixed(1)} ms</text>`,
    );
  });

  const machine = results.machine;
  const footnote = machine
    ? `${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; median milliseconds`
    : 'median milliseconds';
  parts.push(
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 22}" text-anchor="middle">` +
      'points per run (log scale)</text>',
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 6}" text-anchor="middle" ` +
      `fill="#666" font-size="10">${escapeXml(footnote)}</text>`,
    `<text x="16" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle" ` +
      `transform="rotate(-90 16 ${MARGIN.top + PLOT_HEIGHT / 2})">milliseconds</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

function main(): void {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write('Usage: node out/bench/chart.js RESULTS.json OUTPUT.svg\n');
    process.exitCode = 2;
    return;
  }

  const results = JSON.parse(readFileSync(input, 'utf8')) as BenchJson;
  writeFileSync(output, seriesChart(results));
}

if (require.main === module) {
  main();
}
