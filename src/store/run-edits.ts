/**
 * User edits of a run: renames, tags, notes, deletes and restores. Each is an event in a
 * record file of its own (docs/run-format.md, "Edits"), so that a rebuilt index keeps
 * them; the CLI and the extension both edit through here.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

import type { RunStatus } from '../runlog/events';
import { currentUser } from '../runlog/identity';
import { RunWriter } from '../runlog/run-writer';
import type { StoreLayout } from './layout';

/** The run an edit applies to, as the index knows it. */
export interface EditTarget {
  id: string;
  name: string;
  /** The run folder, in `runs/` or `trash/`. */
  dir: string;
  status: RunStatus;
}

/** An edit that cannot be made, with a sentence the user can act on. */
export class RunEditError extends Error {
  override name = 'RunEditError';
}

/**
 * Appends an edit's events through a new record file of the run, then closes and seals
 * it. Returns why the seal failed, if it did: the edit itself is recorded either way.
 */
export function appendEdit(
  layout: StoreLayout,
  run: EditTarget,
  writerName: string,
  write: (writer: RunWriter) => void,
): string | undefined {
  const writer = RunWriter.attach(layout, run.id, writerName, false, run.dir);
  try {
    write(writer);
  } finally {
    writer.close();
  }

  return writer.ledgerProblem;
}

function moveFolder(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

/**
 * Records a delete and moves the run to the trash. A running run cannot be deleted.
 * Returns why the edit could not be sealed in the ledger, if it could not.
 */
export function trashRun(
  layout: StoreLayout,
  run: EditTarget,
  writerName: string,
): string | undefined {
  if (run.status === 'running') {
    // Its owner still writes into the folder; moving it would break the run.
    throw new RunEditError(`The run ${run.name} is still running; stop it before deleting it.`);
  }

  const target = layout.trashedRunDir(run.id);
  if (existsSync(target)) {
    throw new RunEditError(`${target} already exists; move it away first.`);
  }

  const ledgerProblem = appendEdit(layout, run, writerName, (writer) => {
    writer.append({ type: 'delete', user: currentUser() });
  });
  moveFolder(run.dir, target);
  return ledgerProblem;
}

/** Records a restore and moves the run back from the trash; returns as {@link trashRun}. */
export function restoreRun(
  layout: StoreLayout,
  run: EditTarget,
  writerName: string,
): string | undefined {
  const target = layout.runDir(run.id);
  if (existsSync(target)) {
    throw new RunEditError(`${target} already exists; move it away first.`);
  }

  const ledgerProblem = appendEdit(layout, run, writerName, (writer) => {
    writer.append({ type: 'restore', user: currentUser() });
  });
  moveFolder(run.dir, target);
  return ledgerProblem;
}
