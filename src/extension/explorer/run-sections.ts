/** The rows under an expanded run: Params, Metrics, Tags, Artifacts, Notes and Logs. */
import { join } from 'node:path';

import type { RunDetail } from '../../runindex/run-records';
import { formatMetric } from './run-presentation';
import type { RunTreeNode, SectionName } from './run-tree-nodes';

const SECTION_ORDER: SectionName[] = ['params', 'metrics', 'tags', 'artifacts', 'notes', 'logs'];

function sectionSize(run: RunDetail, section: SectionName): number {
  switch (section) {
    case 'params':
      return Object.keys(run.params).length;
    case 'metrics':
      return Object.keys(run.metrics).length;
    case 'tags':
      return Object.keys(run.tags).length;
    case 'artifacts':
      return run.artifacts.length;
    case 'notes':
      return run.notes.length;
    case 'logs':
      return run.logs.length;
  }
}

/** The section rows of a run, leaving out empty ones. */
export function sectionNodes(run: RunDetail): RunTreeNode[] {
  return SECTION_ORDER.map((section) => ({
    kind: 'section' as const,
    runId: run.id,
    section,
    count: sectionSize(run, section),
  })).filter((node) => node.count > 0);
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/** The leaf rows of one section. */
export function sectionLeaves(run: RunDetail, section: SectionName): RunTreeNode[] {
  const leafId = (suffix: string): string => `${run.id}:${section}:${suffix}`;

  switch (section) {
    case 'params':
      return Object.entries(run.params).map(([key, value]) => ({
        kind: 'leaf',
        id: leafId(key),
        label: key,
        description: valueText(value),
        icon: 'symbol-parameter',
        contextValue: 'param',
      }));
    case 'metrics':
      return Object.entries(run.metrics).map(([key, summary]) => ({
        kind: 'leaf',
        id: leafId(key),
        label: key,
        // The last value leads, as beside the run; "last" itself is left to the tooltip so
        // that the row fits the side bar's default width three levels deep.
        description:
          `${formatMetric(summary.last)} · min ${formatMetric(summary.min)}` +
          ` · max ${formatMetric(summary.max)}`,
        tooltip:
          `Last value ${formatMetric(summary.last)} at step ${summary.step ?? '–'}; ` +
          `${summary.count} points.`,
        icon: 'graph-line',
        contextValue: 'metric',
      }));
    case 'tags':
      return Object.entries(run.tags).map(([key, value]) => ({
        kind: 'leaf',
        id: leafId(key),
        label: key,
        description: value,
        icon: 'tag',
        contextValue: 'tag',
      }));
    case 'artifacts':
      return run.artifacts.map((artifact) => ({
        kind: 'leaf',
        id: leafId(artifact.path),
        label: artifact.name,
        description: `${artifact.size} B`,
        tooltip: `sha256 ${artifact.sha256}`,
        icon: 'file',
        contextValue: 'artifact',
        open: { kind: 'file', path: join(run.dir, artifact.path), title: artifact.name },
      }));
    case 'notes':
      return run.notes.map((note, index) => ({
        kind: 'leaf',
        id: leafId(String(index)),
        label: note.decision ? `Decision: ${note.decision}` : (note.text.split('\n')[0] ?? ''),
        description: `${note.user} · ${note.time}`,
        tooltip: note.text,
        icon: note.decision ? 'law' : 'note',
        contextValue: 'note',
      }));
    case 'logs':
      return run.logs.map((log) => ({
        kind: 'leaf',
        id: leafId(log.name),
        label: log.name,
        icon: 'output',
        contextValue: 'log',
        open: { kind: 'log', runId: run.id, name: log.name, title: `${run.name} · ${log.name}` },
      }));
  }
}
