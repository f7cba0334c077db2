/** The machine the figures were taken on, reported beside them. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

import { REPOSITORY_ROOT } from './paths';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** The 1-minute load average when the bench started: a shared machine's busyness. */
  loadAverage: number;
  python: string | null;
  systemPython: string | null;
  sqlJs: string;
}

function version(program: string): string | null {
  const probe = spawnSync(program, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? `${probe.stdout}${probe.stderr}`.trim() : null;
}

export function describeMachine(): MachineInfo {
  const sqlJs = JSON.parse(
    readFileSync(join(REPOSITORY_ROOT, 'node_modules', 'sql.js', 'package.json'), 'utf8'),
  ) as { version: string };
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch} ${release()}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    python: version('python3'),
    systemPython: version('/usr/bin/python3'),
    sqlJs: sqlJs.version,
  };
}
