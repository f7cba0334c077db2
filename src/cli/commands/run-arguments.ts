/** Parses the arguments of `labbook run`, before and after the `--` separator. */
import { UserError } from '../command';
import { parseAssignment } from '../../launch/params';
import { setOwnProperty } from '../../runlog/own-property';

/** What `labbook run` was asked to do. */
export interface RunArguments {
  name?: string;
  experiment?: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  cwd?: string;
  /** The `--store` folder, when given. */
  store?: string;
  captureStdout: boolean;
  command: string[];
}

const VALUE_FLAGS = new Set(['--name', '--experiment', '--param', '--tag', '--cwd', '--store']);

function assign(target: Record<string, string>, text: string, flag: string): void {
  try {
    const { key, value } = parseAssignment(text, flag);
    setOwnProperty(target, key, value);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** Reads the flags up to `--` (or the first word that is not a flag) and the command after. */
export function parseRunArguments(args: readonly string[]): RunArguments {
  const parsed: RunArguments = { params: {}, tags: {}, captureStdout: true, command: [] };
  let index = 0;
  while (index < args.length) {
    const arg = args[index] as string;
    if (arg === '--') {
      index += 1;
      break;
    }

    if (!arg.startsWith('--')) {
      break;
    }

    if (arg === '--no-capture-stdout') {
      parsed.captureStdout = false;
      index += 1;
      continue;
    }

    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (!VALUE_FLAGS.has(flag)) {
      throw new UserError(`unknown option "${flag}"; run "labbook run --help" for the options.`);
    }

    const value = equals === -1 ? args[index + 1] : arg.slice(equals + 1);
    if (value === undefined) {
      throw new UserError(`the option ${flag} needs a value.`);
    }

    index += equals === -1 ? 2 : 1;
    if (flag === '--param') {
      assign(parsed.params, value, flag);
    } else if (flag === '--tag') {
      assign(parsed.tags, value, flag);
    } else {
      parsed[flag.slice(2) as 'name' | 'experiment' | 'cwd' | 'store'] = value;
    }
  }

  parsed.command = args.slice(index);
  if (parsed.command.length === 0) {
    throw new UserError(
      'no command was given; put it after "--", e.g. labbook run -- python train.py.',
    );
  }

  return parsed;
}
