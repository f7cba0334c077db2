/** Small run summaries built in code for the Compare tests. */
import type { RunSummary } from '../../../src/extension/compare/protocol';

/** A finished run with the given overrides. */
export function makeRun(overrides: Partial<RunSummary> & { id: string }): RunSummary {
  return {
    name: overrides.id,
    experiment: 'default',
    status: 'finished',
    startedAt: '2026-01-05T10:00:00.000Z',
    endedAt: '2026-01-05T10:05:00.000Z',
    exitCode: 0,
    command: ['python', 'train.py'],
    params: {},
    tags: {},
    metrics: {},
    git: { commit: 'abc123', branch: 'main', dirty: false },
    env: {},
    ...overrides,
  };
}
