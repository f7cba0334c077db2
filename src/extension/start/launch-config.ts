/**
 * Saved run configurations in `.labbook/launch.json`. The file comes from the repository,
 * so it is validated field by field and never used in Restricted Mode.
 */

export interface RunConfiguration {
  name: string;
  /** argv; a string is split on whitespace for convenience. */
  command: string[];
  cwd?: string;
  params: Record<string, string>;
  env: Record<string, string>;
  experiment?: string;
}

export interface LaunchFile {
  configurations: RunConfiguration[];
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined) {
    return {};
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be an object of strings.`);
  }

  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw new Error(`${where}.${key} must be a string, number or boolean.`);
    }

    result[key] = String(item);
  }

  return result;
}

function parseConfiguration(value: unknown, index: number): RunConfiguration {
  const where = `configurations[${index}]`;
  if (typeof value !== 'object' || value === null) {
    throw new Error(`${where} must be an object.`);
  }

  const entry = value as Record<string, unknown>;
  if (typeof entry.name !== 'string' || entry.name.trim() === '') {
    throw new Error(`${where}.name must be a non-empty string.`);
  }

  const command =
    typeof entry.command === 'string'
      ? entry.command.split(/\s+/).filter(Boolean)
      : Array.isArray(entry.command) && entry.command.every((part) => typeof part === 'string')
        ? (entry.command as string[])
        : undefined;
  if (!command || command.length === 0) {
    throw new Error(`${where}.command must be a command line or a list of arguments.`);
  }

  return {
    name: entry.name,
    command,
    ...(typeof entry.cwd === 'string' ? { cwd: entry.cwd } : {}),
    params: stringMap(entry.params, `${where}.params`),
    env: stringMap(entry.env, `${where}.env`),
    ...(typeof entry.experiment === 'string' ? { experiment: entry.experiment } : {}),
  };
}

/** Parses the text of launch.json; throws an Error whose message says what is wrong. */
export function parseLaunchFile(text: string): LaunchFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('launch.json is not valid JSON.');
  }

  const list = (data as { configurations?: unknown } | null)?.configurations;
  if (!Array.isArray(list)) {
    throw new Error('launch.json needs a "configurations" list.');
  }

  return { configurations: list.map(parseConfiguration) };
}

/** Serialises launch.json with a new or replaced configuration. */
export function withConfiguration(file: LaunchFile, configuration: RunConfiguration): string {
  const others = file.configurations.filter((entry) => entry.name !== configuration.name);
  return `${JSON.stringify({ configurations: [...others, configuration] }, null, 2)}\n`;
}
