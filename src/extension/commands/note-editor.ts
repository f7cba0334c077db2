/**
 * Edit Note opens a Markdown editor on `labbook-note:/<run id>/note.md`. Saving appends a
 * note event to the run's record; earlier notes stay in the record, so the history of a
 * note is never overwritten.
 */
import * as vscode from 'vscode';

import { isRunId } from '../../runlog/run-id';
import { appendEdit } from '../../store/run-edits';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { Logger } from '../logging/logger';
import { EXTENSION_WRITER } from './edit-commands';

const log = new Logger('notes');

export const NOTE_SCHEME = 'labbook-note';

function runIdOf(uri: vscode.Uri): string {
  const runId = uri.path.split('/').filter(Boolean)[0] ?? '';
  if (!isRunId(runId)) {
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  return runId;
}

export class NoteFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly context: ExplorerContext) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private async latestNote(runId: string): Promise<string> {
    const index = await this.context.session.index();
    const notes = index.getRun(runId, 'any').notes.filter((note) => !note.decision);
    return notes.at(-1)?.text ?? '';
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // `/<run id>` is the folder of the run's note document `/<run id>/note.md`.
    if (uri.path.split('/').filter(Boolean).length === 1) {
      runIdOf(uri);
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }

    const text = await this.latestNote(runIdOf(uri));
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: Date.now(),
      size: Buffer.byteLength(text),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from(await this.latestNote(runIdOf(uri)), 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const runId = runIdOf(uri);
    const text = Buffer.from(content).toString('utf8');
    if (text.trim() === '' || text === (await this.latestNote(runId))) {
      return;
    }

    const index = await this.context.session.index();
    appendEdit(
      this.context.session.layout,
      index.getRun(runId, 'any'),
      EXTENSION_WRITER,
      (writer) => writer.note(text),
    );
    log.info(`saved a note on run ${runId}`);
    await this.context.session.catchUpNow();
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Registers the note file system and the Edit Note command. */
export function registerNoteEditor(context: ExplorerContext): vscode.Disposable[] {
  return [
    vscode.workspace.registerFileSystemProvider(NOTE_SCHEME, new NoteFileSystem(context), {
      isCaseSensitive: true,
    }),
    vscode.commands.registerCommand('labbook.editNote', async (clicked?: unknown) => {
      const [run] = targetRuns(context, clicked);
      if (!run) {
        void vscode.window.showInformationMessage('Select a run in the Labbook view first.');
        return;
      }

      const uri = vscode.Uri.from({ scheme: NOTE_SCHEME, path: `/${run.id}/note.md` });
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { preview: false });
    }),
  ];
}
