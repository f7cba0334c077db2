/** The `labbook` command line: dispatches to a subcommand and turns user errors into one line. */
import type { CliContext } from './command';
import { UserError } from './command';
import { commands } from './commands/registry';
import { TerminalStream } from './terminal-text';

/** Commands whose output is not made safe for a terminal (src/cli/terminal-text.ts). */
const RAW_OUTPUT = new Set(['run', 'export']);

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  const rows = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ['Usage: labbook <command> [options]', '', 'Commands:', ...rows, ''].join('\n');
}

/** Runs the CLI with `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(helpText());
    return name ? 0 : 2;
  }

  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    context.stderr.write(`labbook: unknown command "${name}"; run "labbook --help" for a list.\n`);
    return 2;
  }

  // Options after `--` belong to a tracked command, not to labbook.
  const separator = rest.indexOf('--');
  const options = separator === -1 ? rest : rest.slice(0, separator);
  if (options.includes('--help')) {
    context.stdout.write(`${command.usage}\n`);
    return 0;
  }

  // A run passes its command's output through as printed, and an export is data.
  const raw = RAW_OUTPUT.has(name);
  const output: CliContext = raw
    ? context
    : {
        ...context,
        stdout: new TerminalStream(context.stdout),
        stderr: new TerminalStream(context.stderr),
      };
  try {
    return await command.run(rest, output);
  } catch (error) {
    if (error instanceof UserError) {
      output.stderr.write(`labbook ${name}: ${error.message}\n`);
      return error.exitCode;
    }

    throw error;
  }
}

if (require.main === module) {
  const context: CliContext = {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  };

  runCli(process.argv.slice(2), context).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`labbook: unexpected error: ${message}\n`);
      process.exitCode = 1;
    },
  );
}
