/**
 * Rebuilds a run's code state for a reproduction: a git worktree at the recorded commit,
 * outside the workspace, with the recorded dirty patch applied and the declared inputs
 * checked. Every missing piece is reported before anything runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

import type { RunDetail } from '../../runindex/run-records';
import { sha256File } from '../../runlog/file-hash';
import { decodeParam } from '../../runlog/numbers';
import { readRecordFile } from '../../runlog/reader';
import { runFilePath } from '../../runlog/run-file';
import { MAIN_RECORD, type StoreLayout } from '../../store/layout';
import { gitReason, runGit } from '../git-command';
import { checkInput, inputProblem, type InputCheck, isInside } from './input-check';

/** A reproduction cannot start; each problem is a sentence the user can act on. */
export class ReproduceError extends Error {
  override name = 'ReproduceError';

  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/** Everything a reproduction needs, checked. */
export interface ReproductionPlan {
  run: RunDetail;
  /** The clone the commit came from. */
  repoTop: string;
  commit: string;
  worktree: string;
  /** The run's working folder, inside the worktree. */
  cwd: string;
  command: string[];
  /** The params the launcher recorded, as `--param` texts. */
  params: Record<string, string>;
  patchApplied: boolean;
  inputs: InputCheck[];
  /** Things that do not stop the reproduction but may make it differ. */
  warnings: string[];
}

export interface PrepareOptions {
  /** Where worktrees go; LABBOOK_REPRODUCE_DIR, else `labbook-reproduce` in the temp folder. */
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
}

function isFolder(path: string | null): path is string {
  return path !== null && (statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false);
}

async function repositoryTop(folder: string): Promise<string | undefined> {
  const top = await runGit(folder, ['rev-parse', '--show-toplevel']);
  return top.ok ? top.stdout.trim() : undefined;
}

/** The params a launcher recorded, which `labbook run` got as `--param` (in events.jsonl). */
function launcherParams(run: RunDetail): Record<string, string> {
  if (run.writer !== 'launcher') {
    return {};
  }

  // The launcher writes its params right after the start event, in its first lines.
  const { events } = readRecordFile(join(run.dir, MAIN_RECORD), undefined, { maxBytes: 1 << 20 });
  const params: Record<string, string> = {};
  for (const event of events) {
    if (event.type === 'params') {
      for (const [key, value] of Object.entries(event.params)) {
        params[key] = String(decodeParam(value));
      }
    }
  }

  return params;
}

/** The run's folder in the worktree: the same place relative to the repository. */
function mappedCwd(run: RunDetail, repoTop: string, worktree: string): string {
  if (run.cwd && isInside(run.cwd, repoTop)) {
    return join(worktree, relative(repoTop, run.cwd));
  }

  // The clone moved: find the longest tail of the recorded folder that the worktree has.
  const parts = (run.cwd ?? '').split(/[\\/]/).filter(Boolean);
  for (let start = 0; start < parts.length; start += 1) {
    const candidate = join(worktree, ...parts.slice(start));
    if (isFolder(candidate)) {
      return candidate;
    }
  }

  return worktree;
}

async function removeWorktree(repoTop: string, worktree: string): Promise<void> {
  await runGit(repoTop, ['worktree', 'remove', '--force', worktree]);
  await runGit(repoTop, ['worktree', 'prune']);
}

/** Checks what can be checked before a worktree exists. */
async function checkRecord(
  run: RunDetail,
  layout: StoreLayout,
): Promise<{ problems: string[]; warnings: string[]; repoTop?: string }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!run.command || run.command.length === 0) {
    problems.push(`The run ${run.name} has no recorded command, so there is nothing to re-run.`);
  }

  const git = run.gitState;
  if (!git?.commit) {
    problems.push(
      `The run ${run.name} was not started in a git repository, so its code cannot be rebuilt.`,
    );
    return { problems, warnings };
  }

  const near = isFolder(run.cwd) ? run.cwd : dirname(layout.root);
  const repoTop = await repositoryTop(near);
  if (!repoTop) {
    problems.push(
      `No git repository holds ${near}; run reproduce inside a clone of the run's code.`,
    );
    return { problems, warnings };
  }

  const found = await runGit(repoTop, ['cat-file', '-e', `${git.commit}^{commit}`]);
  if (!found.ok) {
    problems.push(
      `The commit ${git.commit} is not in the clone at ${repoTop}; fetch it ` +
        '(for example "git fetch --all") and try again.',
    );
  }

  if (git.dirty && git.patch) {
    const patch = runFilePath(run.dir, git.patch);
    if (!patch) {
      problems.push(
        `The recorded patch ${git.patch} leads out of the run folder; it is not applied.`,
      );
    } else if (!existsSync(patch)) {
      problems.push(
        `The recorded patch ${patch} is missing, so the run's uncommitted changes are lost.`,
      );
    } else if (git.patchSha256 && sha256File(patch).sha256 !== git.patchSha256) {
      problems.push(`The recorded patch ${patch} has changed since the run; restore it.`);
    }
  } else if (git.dirty) {
    warnings.push(
      'The run had untracked files, which git does not record; the reproduction may lack them.',
    );
  }

  return { problems, warnings, repoTop };
}

/** Creates the worktree and checks everything; throws ReproduceError before anything runs. */
export async function prepareReproduction(
  layout: StoreLayout,
  run: RunDetail,
  options: PrepareOptions = {},
): Promise<ReproductionPlan> {
  const { problems, warnings, repoTop } = await checkRecord(run, layout);
  if (problems.length > 0 || !repoTop || !run.gitState || !run.command) {
    throw new ReproduceError(problems);
  }

  const env = options.env ?? process.env;
  const base = resolve(
    options.baseDir ?? env.LABBOOK_REPRODUCE_DIR ?? join(tmpdir(), 'labbook-reproduce'),
  );
  if (isInside(base, repoTop)) {
    throw new ReproduceError([
      `The worktree folder ${base} is inside the repository ${repoTop}; choose one outside it.`,
    ]);
  }

  mkdirSync(base, { recursive: true });
  const worktree = join(base, `${run.id}-${randomBytes(3).toString('hex')}`);
  const { commit } = run.gitState;
  const added = await runGit(repoTop, ['worktree', 'add', '--detach', worktree, commit]);
  if (!added.ok) {
    throw new ReproduceError([
      `git could not create a worktree at ${worktree}: ${gitReason(added)}.`,
    ]);
  }

  const failed: string[] = [];
  let patchApplied = false;
  const patch = run.gitState.patch ? runFilePath(run.dir, run.gitState.patch) : undefined;
  if (run.gitState.dirty && patch) {
    const applied = await runGit(worktree, ['apply', '--binary', '--whitespace=nowarn', patch]);
    patchApplied = applied.ok;
    if (!applied.ok) {
      failed.push(`The recorded patch does not apply to ${commit}: ${gitReason(applied)}.`);
    }
  }

  const inputs = run.inputs.map((input) => checkInput(input, repoTop, worktree));
  failed.push(...inputs.map(inputProblem).filter((each): each is string => each !== undefined));
  if (failed.length > 0) {
    await removeWorktree(repoTop, worktree);
    throw new ReproduceError(failed);
  }

  return {
    run,
    repoTop,
    commit,
    worktree,
    cwd: mappedCwd(run, repoTop, worktree),
    command: run.command,
    params: launcherParams(run),
    patchApplied,
    inputs,
    warnings,
  };
}

/** Removes a plan's worktree. */
export function discardReproduction(plan: ReproductionPlan): Promise<void> {
  return removeWorktree(plan.repoTop, plan.worktree);
}
