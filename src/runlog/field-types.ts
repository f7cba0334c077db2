/**
 * The types of the fields of each event (docs/run-format.md, "Events"). A record is text
 * anyone can edit, so a field of the wrong type makes its line a bad line, as a missing field
 * does. Without this, a `git` that is a number crashed `labbook show`, and a field nested
 * twenty thousand arrays deep, which the index stores as JSON, made every catch-up throw and
 * the whole store unreadable. Fields not listed here are ignored and never stored.
 */
import { isRunRelative } from './run-file';

/** What a field may hold. */
type FieldKind =
  | 'string'
  | 'number'
  | 'count'
  | 'string or null'
  | 'number or null'
  | 'strings or null'
  | 'string map'
  | 'git'
  | 'run path'
  | 'end status'
  | 'status';

interface FieldRule {
  kind: FieldKind;
  required?: boolean;
}

const REQUIRED_STRING: FieldRule = { kind: 'string', required: true };
const STRING: FieldRule = { kind: 'string' };
const NUMBER: FieldRule = { kind: 'number' };
const REQUIRED_COUNT: FieldRule = { kind: 'count', required: true };

const FIELDS: Record<string, Record<string, FieldRule>> = {
  start: {
    format: NUMBER,
    run: REQUIRED_STRING,
    name: REQUIRED_STRING,
    experiment: REQUIRED_STRING,
    command: { kind: 'strings or null' },
    cwd: REQUIRED_STRING,
    host: REQUIRED_STRING,
    user: STRING,
    pid: NUMBER,
    writer: REQUIRED_STRING,
    versions: { kind: 'string map' },
    env: { kind: 'string map' },
    git: { kind: 'git' },
  },
  attach: {
    format: NUMBER,
    run: REQUIRED_STRING,
    writer: REQUIRED_STRING,
    host: STRING,
    user: STRING,
    pid: NUMBER,
  },
  tags: { user: STRING },
  artifact: {
    name: REQUIRED_STRING,
    path: { kind: 'run path', required: true },
    sha256: REQUIRED_STRING,
    size: REQUIRED_COUNT,
  },
  input: { path: REQUIRED_STRING, sha256: REQUIRED_STRING, size: REQUIRED_COUNT },
  note: { text: REQUIRED_STRING, user: STRING, decision: STRING },
  rename: { name: REQUIRED_STRING, user: STRING },
  status: { status: { kind: 'status', required: true }, reason: STRING },
  end: {
    status: { kind: 'end status', required: true },
    exitCode: { kind: 'number or null' },
    signal: { kind: 'string or null' },
    duration: NUMBER,
    error: STRING,
  },
  delete: { user: STRING },
  restore: { user: STRING },
};

const DESCRIPTIONS: Record<FieldKind, string> = {
  string: 'a string',
  number: 'a finite number',
  count: 'a whole number of at least 0',
  'string or null': 'a string or null',
  'number or null': 'a finite number or null',
  'strings or null': 'a list of strings or null',
  'string map': 'an object of strings',
  git: 'null or an object with a string "commit" and any "patch" inside the run folder',
  'run path': 'a path inside the run folder',
  'end status': '"finished", "failed" or "killed"',
  status: '"running", "finished", "failed" or "killed"',
};

/**
 * How a run can end, and the statuses a status event may announce. Anything else would
 * become the run's status as it is, in the tree's icons and in tooltips as Markdown.
 */
const END_STATUSES = new Set(['finished', 'failed', 'killed']);
const ANNOUNCED_STATUSES = new Set(['running', ...END_STATUSES]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

function isGitState(value: unknown): boolean {
  if (value === null) {
    return true;
  }

  if (!isObject(value) || !isString(value.commit)) {
    return false;
  }

  const optionalText = (field: unknown): boolean =>
    field === undefined || field === null || isString(field);
  return (
    optionalText(value.branch) &&
    optionalText(value.remote) &&
    (value.dirty === undefined || typeof value.dirty === 'boolean') &&
    (value.patch === undefined ||
      (typeof value.patch === 'string' && isRunRelative(value.patch))) &&
    (value.patchSha256 === undefined || isString(value.patchSha256))
  );
}

function fits(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return isString(value);
    case 'number':
      return isNumber(value);
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0;
    case 'string or null':
      return value === null || isString(value);
    case 'number or null':
      return value === null || isNumber(value);
    case 'strings or null':
      return value === null || (Array.isArray(value) && value.every(isString));
    case 'string map':
      return isObject(value) && Object.values(value).every(isString);
    case 'git':
      return isGitState(value);
    case 'run path':
      return isString(value) && isRunRelative(value as string);
    case 'end status':
      return END_STATUSES.has(value as string);
    case 'status':
      return ANNOUNCED_STATUSES.has(value as string);
  }
}

/** "a start event", "an end event". */
function eventWords(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} event`;
}

/** Why the fields of an event of `type` are wrong, or undefined when they are right. */
export function fieldProblem(type: string, event: Record<string, unknown>): string | undefined {
  for (const [field, rule] of Object.entries(FIELDS[type] ?? {})) {
    const value = event[field];
    if (value === undefined) {
      if (rule.required) {
        return `${eventWords(type)} needs ${DESCRIPTIONS[rule.kind]} "${field}"`;
      }

      continue;
    }

    if (!fits(rule.kind, value)) {
      return `${eventWords(type)}'s "${field}" must be ${DESCRIPTIONS[rule.kind]}`;
    }
  }

  return undefined;
}
