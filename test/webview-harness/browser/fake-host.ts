/**
 * A stand-in for the extension host, loaded before the panel's bundle: it provides
 * `acquireVsCodeApi`, answers the protocol from generated data, applies a theme, and records
 * what the panel sent and any CSP violation, for the harness tests to read.
 */
import { downsampleMinMax } from '../../../src/compare-logic/min-max-downsample';
import {
  COMPARE_PROTOCOL_VERSION,
  type HostMessage,
  type RunSeries,
  type SeriesRequest,
  type WebviewMessage,
} from '../../../src/extension/compare/protocol';
import { parseWebviewMessage } from '../../../src/extension/compare/protocol-validation';
import { encodeMetric } from '../../../src/runlog/numbers';
import { answerTableRows } from './fake-table';
import { buildScenario } from './scenario';
import { applyTheme, THEMES } from './themes';

/** What the tests read back from the page. */
interface HarnessRecord {
  received: WebviewMessage[];
  violations: string[];
  firstSeriesRequestAt: number | null;
  lastSeriesReplyAt: number | null;
  hostMilliseconds: number;
  generationMilliseconds: number;
  send(message: HostMessage): void;
  state(): unknown;
  applyTheme(name: 'dark' | 'light'): void;
}

declare global {
  interface Window {
    labbookHarness: HarnessRecord;
    acquireVsCodeApi(): unknown;
  }
}

const query = new URLSearchParams(location.search);
const generationStart = performance.now();
const scenario = buildScenario(query);
let savedState: unknown = undefined;

function send(message: HostMessage): void {
  // VS Code serializes messages; going through JSON here catches anything that would not survive.
  window.postMessage(JSON.parse(JSON.stringify(message)), '*');
}

const record: HarnessRecord = {
  received: [],
  violations: [],
  firstSeriesRequestAt: null,
  lastSeriesReplyAt: null,
  hostMilliseconds: 0,
  generationMilliseconds: performance.now() - generationStart,
  send,
  state: () => savedState,
  applyTheme: (name) => applyTheme(THEMES[name]),
};
window.labbookHarness = record;

document.addEventListener('securitypolicyviolation', (event) => {
  record.violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
});

/** Steps are point indices in generated series, so one shared array serves every run. */
let allSteps = new Float64Array(0);

function stepsUpTo(length: number): Float64Array {
  if (allSteps.length < length) {
    allSteps = new Float64Array(length);
    for (let index = 0; index < length; index += 1) {
      allSteps[index] = index;
    }
  }

  return allSteps;
}

function answerSeries(request: SeriesRequest): HostMessage {
  const started = performance.now();
  record.firstSeriesRequestAt ??= started;
  const series: RunSeries[] = [];
  for (const runId of request.runIds) {
    const generated = scenario.series.get(runId)?.get(request.key);
    if (!generated) {
      continue;
    }

    const from = Math.max(0, request.range?.fromStep ?? 0);
    const to = Math.min(generated.values.length - 1, request.range?.toStep ?? Infinity);
    const steps = stepsUpTo(generated.values.length).subarray(from, to + 1);
    const points = downsampleMinMax(
      {
        steps,
        times: generated.times.subarray(from, to + 1),
        values: generated.values.subarray(from, to + 1),
      },
      request.points,
    );
    series.push({
      runId,
      steps: points.steps,
      times: points.times,
      values: points.values.map(encodeMetric),
      downsampled: points.steps.length < steps.length,
    });
  }

  record.hostMilliseconds += performance.now() - started;
  record.lastSeriesReplyAt = performance.now();
  return { type: 'series', requestId: request.requestId, key: request.key, series };
}

function handle(message: WebviewMessage): void {
  record.received.push(message);
  switch (message.type) {
    case 'ready':
      send({ type: 'init', protocolVersion: COMPARE_PROTOCOL_VERSION, runs: scenario.selected });
      return;
    case 'getSeries':
      send(answerSeries(message));
      return;
    case 'getTableRows':
      send(answerTableRows(scenario.table, message));
      return;
    case 'export':
      send({ type: 'exported', requestId: message.requestId, saved: true });
      return;
    default:
      return;
  }
}

window.acquireVsCodeApi = () => ({
  postMessage(message: unknown): void {
    const copy: unknown = JSON.parse(JSON.stringify(message));
    setTimeout(() => handle(parseWebviewMessage(copy)), 0);
  },
  getState: () => savedState,
  setState(state: unknown): void {
    savedState = state;
  },
});

applyTheme(THEMES[query.get('theme') === 'light' ? 'light' : 'dark']);
