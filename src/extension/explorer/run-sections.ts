/** The rows under an expanded run: Params, Metrics, Tags, Artifacts, Notes and Logs. */
import type { RunArtifact, RunDetail } from '../../runindex/run-records';
import { runFilePath } from '../../runlog/run-file';
import { formatMetric } from './run-tooltip';
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

/** An artifact's row; it opens the copy only when the copy is really inside the run folder. */
function artifactLeaf(run: RunDetail, artifact: RunArtifact, id: string): RunTreeNode {
  const path = runFilePath(run.dir, artifact.path);
  return {
    kind: 'leaf',
    id,
    label: artifact.name,
    description: `${artifact.size} B`,
    tooltip: path
      ? `sha256 ${artifact.sha256}`
      : `sha256 ${artifact.sha256}; not opened: its path leads out of the run folder`,
    icon: 'file',
    contextValue: 'artifact',
    ...(path ? { open: { kind: 'file' as const, path, title: artifact.name } } : {}),
  };
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
      return run.artifacts.map((artifact) => artifactLeaf(run, artifact, leafId(artifact.path)));
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
