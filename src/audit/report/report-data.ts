/**
 * Everything a report shows, gathered from the index, the records and the verifier,
 * before it is written as HTML or Markdown.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { assignColourSlots, colourOfSlot } from '../../compare-logic/run-colours';
import type { RunIndex } from '../../runindex/run-index';
import type { RunDetail, RunRecord } from '../../runindex/run-records';
import { sha256File } from '../../runlog/file-hash';
import { currentUser } from '../../runlog/identity';
import { MAIN_RECORD, type StoreLayout } from '../../store/layout';
import { REPRODUCES_TAG } from '../reproduce/reproduce';
import { type HistoryEntry, runHistory } from '../run-history';
import type { VerifyReport } from '../verify-report';
import type { ChartSeries } from './svg-chart';

/** Which runs a report covers, and which one it records in full. */
export interface ReportOptions {
  experiment?: string;
  filter?: string;
  /** The run recorded in full; by default the latest tagged `stage=final`, see below. */
  run?: string;
}

export interface ReportChart {
  key: string;
  series: ChartSeries[];
}

/** A decision note, with its run. */
export interface ReportDecision {
  time: string;
  runId: string;
  runName: string;
  user: string;
  title: string;
  text: string;
}

/** An edit made to a run after it ended. */
export interface ReportEdit {
  runId: string;
  runName: string;
  entry: HistoryEntry;
}

export interface ReportData {
  title: string;
  generatedAt: string;
  generatedBy: string;
  store: string;
  options: ReportOptions;
  runs: RunRecord[];
  /** The params whose values differ between runs, for the runs table. */
  varyingParams: string[];
  chartKeys: string[];
  charts: ReportChart[];
  /** The colour of each run in the charts. */
  colours: Map<string, string>;
  chosen: RunDetail | undefined;
  chosenReason: string;
  /** The SHA-256 of the chosen run's git patch file as it is now, when it has one. */
  chosenPatchHash: string | undefined;
  /** Runs that reproduce the chosen one (tag `reproduces`). */
  reproductions: RunRecord[];
  chosenHistory: HistoryEntry[];
  decisions: ReportDecision[];
  edits: ReportEdit[];
  verification: VerifyReport;
}

/** Charts and the runs table stop here, so that a large experiment stays readable. */
const MOST_RUNS = 1000;
const MOST_CHART_RUNS = 12;
const MOST_CHARTS = 8;
const CHART_POINTS = 300;
const MOST_PARAM_COLUMNS = 6;
/** Edits after the run, actions that change how the run is described or judged. */
const EDIT_ACTIONS = new Set(['renamed', 'tagged', 'noted', 'decided', 'deleted', 'restored']);

function chooseRun(
  index: RunIndex,
  runs: RunRecord[],
  details: Map<string, RunDetail>,
  reference: string | undefined,
): { chosen: RunDetail | undefined; reason: string } {
  if (reference) {
    return { chosen: index.getRun(reference, 'any'), reason: 'chosen for this report' };
  }

  const final = runs.find((run) => run.tags.stage === 'final');
  if (final) {
    return { chosen: details.get(final.id), reason: 'the latest run tagged stage=final' };
  }

  const decided = [...details.values()]
    .filter((run) => run.notes.some((note) => note.decision))
    .sort((a, b) => latestDecision(b).localeCompare(latestDecision(a)))[0];
  if (decided) {
    return { chosen: decided, reason: 'the run with the latest decision' };
  }

  const finished = runs.find((run) => run.status === 'finished') ?? runs[0];
  return {
    chosen: finished ? details.get(finished.id) : undefined,
    reason: 'the latest finished run (no run is tagged stage=final)',
  };
}

function latestDecision(run: RunDetail): string {
  return (
    run.notes
      .filter((note) => note.decision)
      .map((note) => note.time)
      .sort()
      .at(-1) ?? ''
  );
}

function varyingParams(runs: RunRecord[]): string[] {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.params)))].sort();
  const varying = keys.filter(
    (key) => new Set(runs.map((run) => JSON.stringify(run.params[key] ?? null))).size > 1,
  );
  return (varying.length > 0 ? varying : keys).slice(0, MOST_PARAM_COLUMNS);
}

/** Metric keys by how many runs have them, most first, then by name. */
function chartKeys(runs: RunRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const key of Object.keys(run.metrics)) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }

  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MOST_CHARTS)
    .map(([key]) => key);
}

function charts(
  index: RunIndex,
  keys: string[],
  runs: RunRecord[],
  colours: Map<string, string>,
  chosen: string | undefined,
): ReportChart[] {
  const names = new Map(runs.map((run) => [run.id, run.name]));
  const ids = runs.map((run) => run.id);
  return keys.map((key) => ({
    key,
    series: index.series(ids, key, { points: CHART_POINTS }).map((points) => {
      const name = names.get(points.runId) ?? points.runId;
      return {
        label: points.runId === chosen ? `${name} (chosen)` : name,
        colour: colours.get(points.runId) ?? '#333',
        steps: [...points.steps],
        values: [...points.values],
        emphasis: points.runId === chosen,
      };
    }),
  }));
}

/** Edits after the run ended: written by another process than the run's owner, later. */
function editsOf(run: RunDetail): ReportEdit[] {
  const endedAt = run.endedAt ?? '';
  return runHistory(run.dir)
    .entries.filter(
      (entry) =>
        EDIT_ACTIONS.has(entry.action) && entry.file !== MAIN_RECORD && entry.time >= endedAt,
    )
    .map((entry) => ({ runId: run.id, runName: run.name, entry }));
}

/** Gathers a report's contents but its verification, from a caught-up index. */
export function gatherReport(
  index: RunIndex,
  layout: StoreLayout,
  options: ReportOptions,
): Omit<ReportData, 'verification'> {
  const runs = index.listRuns({
    ...(options.filter ? { filter: options.filter } : {}),
    ...(options.experiment ? { experiment: options.experiment } : {}),
    limit: MOST_RUNS,
  });
  const details = new Map(runs.map((run) => [run.id, index.getRun(run.id, 'any')]));
  const { chosen, reason } = chooseRun(index, runs, details, options.run);
  if (chosen && !details.has(chosen.id)) {
    details.set(chosen.id, chosen);
  }

  const chartRuns = [
    ...(chosen ? [chosen] : []),
    ...runs.filter((run) => run.id !== chosen?.id),
  ].slice(0, MOST_CHART_RUNS);
  const slots = assignColourSlots(chartRuns.map((run) => run.id));
  const colours = new Map([...slots].map(([id, slot]) => [id, colourOfSlot(slot, 'light')]));
  const keys = chartKeys(runs.length > 0 ? runs : chosen ? [chosen] : []);

  const decisions = [...details.values()]
    .flatMap((run) =>
      run.notes
        .filter((note) => note.decision)
        .map((note) => ({
          time: note.time,
          runId: run.id,
          runName: run.name,
          user: note.user,
          title: note.decision ?? '',
          text: note.text,
        })),
    )
    .sort((a, b) => a.time.localeCompare(b.time));

  const patch = chosen?.gitState?.patch ? join(chosen.dir, chosen.gitState.patch) : undefined;
  return {
    title: options.experiment ? `Experiment ${options.experiment}` : 'Experiment report',
    generatedAt: new Date().toISOString(),
    generatedBy: `${currentUser()}@${hostname()}`,
    store: layout.root,
    options,
    runs,
    varyingParams: varyingParams(runs),
    chartKeys: keys,
    charts: charts(index, keys, chartRuns, colours, chosen?.id),
    colours,
    chosen,
    chosenReason: reason,
    chosenPatchHash: patch && existsSync(patch) ? sha256File(patch).sha256 : undefined,
    reproductions: chosen ? index.listRuns({ tag: { key: REPRODUCES_TAG, value: chosen.id } }) : [],
    chosenHistory: chosen ? runHistory(chosen.dir).entries : [],
    decisions,
    edits: [...details.values()]
      .flatMap(editsOf)
      .sort((a, b) => a.entry.time.localeCompare(b.entry.time)),
  };
}
