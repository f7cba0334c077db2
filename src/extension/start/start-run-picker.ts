/**
 * The "Start Tracked Run" quick pick: the active file, saved configurations, recent
 * commands, or a command typed in; then an optional step that edits the params.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';

import * as vscode from 'vscode';

import {
  type LaunchFile,
  parseLaunchFile,
  type RunConfiguration,
  withConfiguration,
} from './launch-config';
import { pythonInterpreter } from './python-interpreter';
import { argparseDefaults, flagsOf, withFlags } from './script-flags';

/** What the person chose: a command, where to run it, and its params. */
export interface RunChoice {
  command: string[];
  cwd: string;
  params: Record<string, string>;
  env: Record<string, string>;
  name?: string;
  experiment?: string;
  /**
   * Whether edited params are passed to the command as `--key value` flags (a script's
   * own flags and argparse defaults), rather than only through LABBOOK_PARAM_<KEY>.
   */
  paramsAsFlags: boolean;
}

const RECENT_KEY = 'labbook.recentCommands';
const RECENT_LIMIT = 10;

interface PickItem extends vscode.QuickPickItem {
  choose?: () => Promise<RunChoice | undefined>;
}

/** Splits a typed command line into argv, honouring simple single and double quotes. */
export function splitCommandLine(line: string): string[] {
  const parts: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    parts.push(match[1] ?? match[2] ?? match[3] ?? '');
  }

  return parts;
}

async function activeFileCommand(file: vscode.Uri): Promise<string[] | undefined> {
  const path = file.fsPath;
  switch (extname(path)) {
    case '.py': {
      const python = await pythonInterpreter(
        vscode.workspace.getConfiguration('labbook', file).get<string>('pythonPath', ''),
        file,
      );
      return [python, path];
    }
    case '.js':
    case '.mjs':
    case '.cjs':
      return ['node', path];
    case '.ts':
      return ['npx', 'tsx', path];
    case '.sh':
      return ['bash', path];
    default:
      return undefined;
  }
}

/** Reads launch.json, or explains why it cannot be used. */
export function readLaunchFile(path: string): LaunchFile | string {
  if (!existsSync(path)) {
    return { configurations: [] };
  }

  try {
    return parseLaunchFile(readFileSync(path, 'utf8'));
  } catch (error) {
    return `${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export class StartRunPicker {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly workspaceRoot: string,
    private readonly launchFilePath: string,
  ) {}

  /** Remembers a command for the "recent" section. */
  async remember(command: string[]): Promise<void> {
    const line = command.join(' ');
    const recent = this.memento.get<string[]>(RECENT_KEY, []).filter((entry) => entry !== line);
    await this.memento.update(RECENT_KEY, [line, ...recent].slice(0, RECENT_LIMIT));
  }

  /** Asks what to run; resolves to undefined when the person cancels. */
  async pick(trusted: boolean): Promise<RunChoice | undefined> {
    const items = await this.items(trusted);
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Labbook: Start Tracked Run',
      placeHolder: 'What should run?',
      matchOnDescription: true,
    });

    const choice = await picked?.choose?.();
    return choice ? this.editParams(choice) : undefined;
  }

  private async items(trusted: boolean): Promise<PickItem[]> {
    const items: PickItem[] = [];
    const editor = vscode.window.activeTextEditor;
    const file = editor?.document.uri.scheme === 'file' ? editor.document.uri : undefined;
    const fileCommand = file ? await activeFileCommand(file) : undefined;
    if (file && fileCommand) {
      items.push({
        label: `$(file-code) Run ${basename(file.fsPath)}`,
        description: fileCommand.join(' '),
        choose: async () => ({
          command: fileCommand,
          cwd: dirname(file.fsPath),
          params: file.fsPath.endsWith('.py')
            ? argparseDefaults(editor?.document.getText() ?? '')
            : {},
          env: {},
          paramsAsFlags: true,
        }),
      });
    }

    const launch = trusted ? readLaunchFile(this.launchFilePath) : { configurations: [] };
    if (typeof launch === 'string') {
      void vscode.window.showWarningMessage(`Labbook ignored launch.json: ${launch}`);
    } else if (launch.configurations.length > 0) {
      items.push({ label: 'Saved configurations', kind: vscode.QuickPickItemKind.Separator });
      for (const configuration of launch.configurations) {
        items.push({
          label: `$(gear) ${configuration.name}`,
          description: configuration.command.join(' '),
          choose: async () => this.fromConfiguration(configuration),
        });
      }
    }

    const recent = this.memento.get<string[]>(RECENT_KEY, []);
    if (recent.length > 0) {
      items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator });
      for (const line of recent) {
        items.push({ label: `$(history) ${line}`, choose: async () => this.fromLine(line) });
      }
    }

    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(terminal) Enter a command…', choose: () => this.typed() });
    if (trusted) {
      items.push({
        label: '$(add) Save a run configuration…',
        choose: () => this.saveConfiguration(),
      });
    }

    return items;
  }

  private fromConfiguration(configuration: RunConfiguration): RunChoice {
    return {
      command: configuration.command,
      cwd: configuration.cwd ?? this.workspaceRoot,
      params: { ...flagsOf(configuration.command), ...configuration.params },
      env: configuration.env,
      name: configuration.name,
      paramsAsFlags: false,
      ...(configuration.experiment ? { experiment: configuration.experiment } : {}),
    };
  }

  /** A typed or recent command line as a choice, its `--flag value` pairs as params. */
  fromLine(line: string): RunChoice {
    const command = splitCommandLine(line);
    return {
      command,
      cwd: this.workspaceRoot,
      params: flagsOf(command),
      env: {},
      paramsAsFlags: true,
    };
  }

  private async typed(): Promise<RunChoice | undefined> {
    const line = await vscode.window.showInputBox({
      title: 'Labbook: Start Tracked Run',
      prompt: 'The command to run, e.g. python3 train.py --lr 0.01',
      validateInput: (text) => (text.trim() === '' ? 'Enter a command to run.' : undefined),
    });
    return line ? this.fromLine(line) : undefined;
  }

  private async saveConfiguration(): Promise<RunChoice | undefined> {
    const choice = await this.typed();
    if (!choice) {
      return undefined;
    }

    const name = await vscode.window.showInputBox({
      title: 'Labbook: Save Run Configuration',
      prompt: 'A name for this configuration',
      validateInput: (text) => (text.trim() === '' ? 'Enter a name.' : undefined),
    });
    if (!name) {
      return undefined;
    }

    const current = readLaunchFile(this.launchFilePath);
    const file = typeof current === 'string' ? { configurations: [] } : current;
    const text = withConfiguration(file, { name, command: choice.command, params: {}, env: {} });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(this.launchFilePath), Buffer.from(text));
    return { ...choice, name };
  }

  /** Lets the person edit param values before the run starts; Enter on "Start" goes. */
  async editParams(choice: RunChoice): Promise<RunChoice | undefined> {
    const params = { ...choice.params };
    if (Object.keys(params).length === 0) {
      return choice;
    }

    for (;;) {
      const start: vscode.QuickPickItem = {
        label: '$(play) Start',
        description: 'with these params',
      };
      const rows = Object.entries(params).map(([key, value]) => ({
        label: key,
        description: value,
      }));
      const picked = await vscode.window.showQuickPick([start, ...rows], {
        title: 'Labbook: Params',
        placeHolder: 'Pick a param to change it, or Start',
      });
      if (!picked) {
        return undefined;
      }

      if (picked === start) {
        const command = choice.paramsAsFlags ? withFlags(choice.command, params) : choice.command;
        return { ...choice, params, command };
      }

      const value = await vscode.window.showInputBox({
        title: `Labbook: ${picked.label}`,
        value: params[picked.label] ?? '',
      });
      if (value !== undefined) {
        params[picked.label] = value;
      }
    }
  }
}
