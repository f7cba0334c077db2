/**
 * Opens the store a command works on and its index, brought up to date. Bad lines the
 * catch-up meets are reported on stderr; errors about runs and filters become one-line
 * user errors.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { QueryError } from '../query/query-error';
import { RunIndex } from '../runindex/run-index';
import { RunLookupError } from '../runindex/run-queries';
import type { BadLine } from '../runlog/reader';
import { STORE_FOLDER, type StoreLayout } from '../store/layout';
import { locateStore } from '../store/locate';
import type { CliContext } from './command';
import { UserError } from './command';

/** At most this many bad lines are listed one by one; the rest are counted. */
const BAD_LINES_SHOWN = 10;

/** Writes bad lines to stderr, so that nothing skipped goes unmentioned. */
export function reportBadLines(lines: BadLine[], context: CliContext): void {
  for (const bad of lines.slice(0, BAD_LINES_SHOWN)) {
    context.stderr.write(`labbook: skipped line ${bad.line} of ${bad.file}: ${bad.reason}.\n`);
  }

  if (lines.length > BAD_LINES_SHOWN) {
    context.stderr.write(`labbook: skipped ${lines.length - BAD_LINES_SHOWN} more bad lines.\n`);
  }
}

/** Turns the core's errors about user input into user errors; others pass through. */
export function asUserError(error: unknown): unknown {
  if (error instanceof QueryError) {
    const { subject, position, expected, found } = error;
    return new UserError(
      `the ${subject} has a problem at character ${position + 1}: ` +
        `expected ${expected} but found ${found}.`,
    );
  }

  if (error instanceof RunLookupError) {
    return new UserError(`${error.message} Run "labbook ls" to see the runs.`, 1);
  }

  return error;
}

/**
 * Refuses a store path that is a file, or a folder that holds a store rather than being one
 * (the project folder, say), before anything is read from it or written into it.
 */
export function checkStorePath(layout: StoreLayout): void {
  const { root } = layout;
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new UserError(`the store ${root} is a file, not a folder; give the .labbook folder.`);
  }

  const inner = join(root, STORE_FOLDER);
  if (!existsSync(layout.runsDir) && existsSync(inner)) {
    throw new UserError(
      `${root} is not a Labbook store but holds one; use --store ${inner} instead.`,
    );
  }
}

/** The store of this command: `--store`, LABBOOK_STORE, or the nearest `.labbook/` upward. */
export function commandStore(store: string | undefined, context: CliContext): StoreLayout {
  const layout = locateStore({ store, env: context.env, cwd: context.cwd });
  checkStorePath(layout);
  if (!existsSync(layout.runsDir)) {
    const what = existsSync(layout.root)
      ? `${layout.root} is not a Labbook store (it has no runs/ folder)`
      : `no Labbook store at ${layout.root}`;
    throw new UserError(`${what}; pass --store DIR or set LABBOOK_STORE, or track a run first.`, 1);
  }

  return layout;
}

/** Saves the index; a read-only store costs speed next time, not this command. */
function saveIndex(index: RunIndex, context: CliContext): void {
  try {
    index.persist();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.stderr.write(
      `labbook: could not save the index at ${index.layout.indexPath} (${reason}); ` +
        'the next command reads the records again.\n',
    );
  }
}

/**
 * Runs `work` with the store's index caught up, saves the index if it changed, and
 * closes it, also when `work` throws.
 */
export async function withIndex<T>(
  store: string | undefined,
  context: CliContext,
  work: (index: RunIndex, layout: StoreLayout) => T,
): Promise<T> {
  const layout = commandStore(store, context);
  const index = await RunIndex.open(layout);
  try {
    reportBadLines(index.catchUp().badLines, context);
    const result = work(index, layout);
    saveIndex(index, context);
    return result;
  } catch (error) {
    throw asUserError(error);
  } finally {
    index.close();
  }
}
