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

/** The committed copy of the ledger in `commit`, or undefined when git cannot show it. */
async function ledgerAt(repo: LedgerInGit, commit: string): Promise<string | undefined> {
  const shown = await runGit(repo.top, ['show', `${commit}:${repo.path}`]);
  return shown.ok ? shown.stdout : undefined;
}

/** The commits that hold a copy of the ledger, newest first. */
async function anchorCommits(repo: LedgerInGit): Promise<string[]> {
  const log = await runGit(repo.top, ['log', '--format=%H', '--', repo.path]);
  return log.ok ? log.stdout.split('\n').filter((line) => line !== '') : [];
}

async function committedLedger(
  repo: LedgerInGit,
): Promise<{ commit: string; text: string } | undefined> {
  const [commit] = await anchorCommits(repo);
  const text = commit ? await ledgerAt(repo, commit) : undefined;
  return commit && text !== undefined ? { commit, text } : undefined;
}

function firstDifferentLine(anchored: string, current: string): number {
  const a = anchored.split('\n');
  const b = current.split('\n');
  const index = a.findIndex((line, at) => line !== b[at]);
  return index === -1 ? a.length : index + 1;
}

/** An anchored copy that today's ledger no longer begins with. */
interface BrokenAnchor {
  commit: string;
  text: string;
  /** The first line that differs. */
  line: number;
}

/**
 * The newest anchored copy, and the newest one that today's ledger does not extend. Every
 * anchor is checked, not only the last: a rewritten ledger committed anew would pass a
 * check against the last commit alone.
 */
async function checkAnchors(
  repo: LedgerInGit,
  current: string,
): Promise<{ newest?: { commit: string; text: string }; broken?: BrokenAnchor }> {
  let newest: { commit: string; text: string } | undefined;
  for (const commit of await anchorCommits(repo)) {
    const text = await ledgerAt(repo, commit);
    if (text === undefined) {
      continue;
    }

    newest ??= { commit, text };
    if (!current.startsWith(text)) {
      return { newest, broken: { commit, text, line: firstDifferentLine(text, current) } };
    }
  }

  return newest ? { newest } : {};
}

function readLedgerText(layout: StoreLayout): string {
  try {
    return readFileSync(layout.ledgerPath, 'utf8');
  } catch {
    return '';
  }
}

function rewrittenMessage(broken: BrokenAnchor): string {
  return (
    `line ${broken.line} differs from the ledger committed in ${broken.commit.slice(0, 12)}: ` +
    'the ledger was rewritten after it was anchored.'
  );
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

  const damaged = ledger.breaks[0] ?? ledger.badLines[0];
  if (damaged) {
    throw new AnchorError(
      `The ledger is damaged at line ${damaged.line}; run "labbook verify" before anchoring it.`,
    );
  }

  const head = { headHash: ledger.headHash, lines: ledger.lines };
  const repo = await ledgerInGit(layout);
  if (!repo) {
    return { ...head, committed: false, notInGit: 'the store is not inside a git repository' };
  }

  // Anchoring a ledger that no longer extends an earlier anchor would bless the rewrite.
  const current = readLedgerText(layout);
  const { newest: before, broken: rewritten } = await checkAnchors(repo, current);
  if (rewritten) {
    throw new AnchorError(
      `The ledger cannot be anchored: ${rewrittenMessage(rewritten)} Run "labbook verify".`,
    );
  }

  if (before && before.text === current) {
    return { ...headOf(before.text), commit: before.commit, committed: false };
  }

  const added = await runGit(repo.top, ['add', '--force', '--', repo.path]);
  const seals = `${ledger.lines} seals`;
  const message = `Anchor the Labbook ledger at ${ledger.headHash.slice(0, 16)} (${seals})`;
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

/**
 * Checks today's ledger against every copy committed to git, when there is one: each must
 * be where today's ledger begins.
 */
export async function checkGitAnchor(
  layout: StoreLayout,
): Promise<{ check: AnchorCheck; problem?: VerifyProblem } | undefined> {
  const repo = await ledgerInGit(layout);
  if (!repo) {
    return undefined;
  }

  const { newest, broken } = await checkAnchors(repo, readLedgerText(layout));
  const anchored = broken ?? newest;
  if (!anchored) {
    return undefined;
  }

  const head = headOf(anchored.text);
  const check: AnchorCheck = {
    source: 'git',
    commit: anchored.commit,
    headHash: head.headHash,
    line: broken ? null : head.lines,
    ok: !broken,
  };
  if (!broken) {
    return { check };
  }

  const message = rewrittenMessage(broken);
  return {
    check,
    problem: ledgerFileProblem('anchor', layout.ledgerPath, broken.line, null, message),
  };
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
