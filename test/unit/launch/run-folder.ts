/**
 * Reads a run folder the way a reader would, for assertions: every record file, with the
 * hash chain checked. It folds only what these tests need; the product's fold lives in the
 * index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hashBody, splitChainedLine } from '../../../src/runlog/chain';
import type { EndEvent, RunEvent, StartEvent } from '../../../src/runlog/events';
import { decodeMetric } from '../../../src/runlog/numbers';
import { readRecordFile } from '../../../src/runlog/reader';
import { RECORD_FILE } from '../../../src/store/layout';

/** What a test wants to know about a run. */
export interface RunSummary {
  start: StartEvent;
  params: Record<string, unknown>;
  tags: Record<string, string | null>;
  /** (step, value) points per metric key, across all record files. */
  metrics: Map<string, [number, number][]>;
  end: EndEvent | undefined;
  events: RunEvent[];
  files: string[];
}

/** Throws unless every line of the file chains to the one before. */
export function verifyChain(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  let previous = '';
  lines.forEach((line, index) => {
    const split = splitChainedLine(line);
    if (!split || hashBody(previous, split.body) !== split.hash) {
      throw new Error(`${file}:${index + 1} breaks the hash chain`);
    }

    previous = split.hash;
  });
}

/** Reads and folds every record file of a run folder; throws on a bad line or chain. */
export function readRun(dir: string): RunSummary {
  const files = readdirSync(dir)
    .filter((name) => RECORD_FILE.test(name))
    .sort((a, b) => (a === 'events.jsonl' ? -1 : b === 'events.jsonl' ? 1 : a.localeCompare(b)));
  const events: RunEvent[] = [];
  for (const name of files) {
    const file = join(dir, name);
    verifyChain(file);
    const result = readRecordFile(file);
    if (result.bad.length > 0 || result.pendingBytes > 0) {
      throw new Error(`${file} has bad lines: ${JSON.stringify(result.bad)}`);
    }

    events.push(...result.events);
  }

  const summary: RunSummary = {
    start: events.find((event): event is StartEvent => event.type === 'start') as StartEvent,
    params: {},
    tags: {},
    metrics: new Map(),
    end: events.find((event): event is EndEvent => event.type === 'end'),
    events,
    files,
  };

  for (const event of events) {
    if (event.type === 'params') {
      Object.assign(summary.params, event.params);
    } else if (event.type === 'tags') {
      Object.assign(summary.tags, event.tags);
    } else if (event.type === 'metrics') {
      for (const [key, column] of Object.entries(event.values)) {
        const points = summary.metrics.get(key) ?? [];
        column.forEach((stored, row) => {
          if (stored !== null) {
            points.push([event.steps[row] as number, decodeMetric(stored) as number]);
          }
        });
        summary.metrics.set(key, points);
      }
    }
  }

  return summary;
}

/** The folders of every run in a store. */
export function runFolders(storeRoot: string): string[] {
  const runs = join(storeRoot, 'runs');
  return readdirSync(runs)
    .sort()
    .map((id) => join(runs, id));
}
