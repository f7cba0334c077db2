/**
 * Anchoring the ledger: committing it to git, so that a later rewrite of the ledger
 * itself shows against the committed copy, or printing its head hash for a person to keep
 * elsewhere (docs/audit.md, "Levels of protection").
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';

import { splitChainedLine } from '../runlog/chain';
import type { StoreLayout } from '../store/layout';
import { gitReason, runGit } from './git-command';
import { type LedgerContents, readLedger } from './ledger-read';
import { type AnchorCheck, ledgerFileProblem, type VerifyProblem } from './verify-report';

/** The ledger cannot be anchored, for a reason the user can act on. */
export class AnchorError extends Error {
  override name = 'AnchorError';
}

export interface AnchorResult {
  headHash: string;
  lines: number;
  /** The commit that holds the anchored ledger, when it is in git. */
  commit?: string;
  /** Whether this call made the commit (false when the ledger was committed as it is). */
  committed: boolean;
  /** Why the ledger is not in git, when it is not. */
  notInGit?: string;
}

interface LedgerInGit {
  top: string;
  /** The ledger's path inside the repository, with forward slashes. */
  path: string;
}

async function ledgerInGit(layout: StoreLayout): Promise<LedgerInGit | undefined> {
  const top = await runGit(dirname(layout.ledgerPath), ['rev-parse', '--show-toplevel']);
  if (!top.ok) {
    return undefined;
  }

  const root = top.stdout.trim();
  return { top: root, path: relative(root, layout.ledgerPath).split(sep).join('/') };
}

/** The head hash and line count of ledger text. */
function headOf(text: string): { headHash: string; lines: number } {
  const lines = text.split('\n').slice(0, -1);
  const last = lines.at(-1);
  return { headHash: (last && splitChainedLine(last)?.hash) ?? '', lines: lines.length };
}

async function committedLedger(
  repo: LedgerInGit,
): Promise<{ commit: string; text: string } | undefined> {
  const log = await runGit(repo.top, ['log', '-1', '--format=%H', '--', repo.path]);
  const commit = log.stdout.trim();
  if (!log.ok || commit === '') {
    return undefined;
  }

  const shown = await runGit(repo.top, ['show', `${commit}:${repo.path}`]);
  return shown.ok ? { commit, text: shown.stdout } : undefined;
}

/**
 * Commits the ledger (only the ledger) to the git repository the store is in, and
 * returns its head. Outside a repository it only returns the head, to be kept elsewhere.
 */
export async function anchorLedger(layout: StoreLayout): Promise<AnchorResult> {
  const ledger = readLedger(layout);
  if (ledger.lines === 0) {
    throw new AnchorError('The ledger is empty: no record has been sealed yet.');
  }

  const broken = ledger.breaks[0] ?? ledger.badLines[0];
  if (broken) {
    throw new AnchorError(
      `The ledger is damaged at line ${broken.line}; run "labbook verify" before anchoring it.`,
    );
  }

  const head = { headHash: ledger.headHash, lines: ledger.lines };
  const repo = await ledgerInGit(layout);
  if (!repo) {
    return { ...head, committed: false, notInGit: 'the store is not inside a git repository' };
  }

  const before = await committedLedger(repo);
  if (before && before.text === readFileSync(layout.ledgerPath, 'utf8')) {
    return { ...headOf(before.text), commit: before.commit, committed: false };
  }

  const added = await runGit(repo.top, ['add', '--force', '--', repo.path]);
  const message = `Anchor the Labbook ledger at ${ledger.headHash.slice(0, 16)} (${ledger.lines} seals)`;
  const commit = added.ok
    ? await runGit(repo.top, ['commit', '--only', '--message', message, '--', repo.path])
    : added;
  if (!commit.ok) {
    throw new AnchorError(
      `git could not commit the ledger (${gitReason(commit)}); its head hash is ` +
        `${ledger.headHash}, which you can keep elsewhere instead.`,
    );
  }

  const after = await committedLedger(repo);
  if (!after) {
    throw new AnchorError(
      `git committed the ledger but cannot show it; run "git log ${repo.path}".`,
    );
  }

  return { ...headOf(after.text), commit: after.commit, committed: true };
}

function firstDifferentLine(anchored: string, current: string): number {
  const a = anchored.split('\n');
  const b = current.split('\n');
  const index = a.findIndex((line, at) => line !== b[at]);
  return index === -1 ? a.length : index + 1;
}

/** Checks today's ledger against its last committed copy, when it has one. */
export async function checkGitAnchor(
  layout: StoreLayout,
): Promise<{ check: AnchorCheck; problem?: VerifyProblem } | undefined> {
  const repo = await ledgerInGit(layout);
  const committed = repo ? await committedLedger(repo) : undefined;
  if (!committed) {
    return undefined;
  }

  const head = headOf(committed.text);
  let current = '';
  try {
    current = readFileSync(layout.ledgerPath, 'utf8');
  } catch {
    current = '';
  }

  const check: AnchorCheck = {
    source: 'git',
    commit: committed.commit,
    headHash: head.headHash,
    line: head.lines,
    ok: current.startsWith(committed.text),
  };
  if (check.ok) {
    return { check };
  }

  const line = firstDifferentLine(committed.text, current);
  check.line = null;
  const message =
    `line ${line} differs from the ledger committed in ${committed.commit.slice(0, 12)}: ` +
    'the ledger was rewritten after it was anchored.';
  return { check, problem: ledgerFileProblem('anchor', layout.ledgerPath, line, null, message) };
}

/** Checks that the ledger still holds a head hash that was kept elsewhere. */
export function checkGivenAnchor(
  ledger: LedgerContents,
  headHash: string,
): { check: AnchorCheck; problem?: VerifyProblem } {
  const line = ledger.hashLines.get(headHash) ?? null;
  const check: AnchorCheck = { source: 'given', headHash, line, ok: line !== null };
  if (check.ok) {
    return { check };
  }

  const message = `no line of the ledger has the anchored head hash ${headHash}: it was rewritten.`;
  return { check, problem: ledgerFileProblem('anchor', ledger.path, null, null, message) };
}
