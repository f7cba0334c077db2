/**
 * The keys of the query language, shared by filters and sort keys: `metrics.<key>`,
 * `params.<key>`, `tags.<key>` and the run attributes, with or without `attributes.`.
 */
import { QueryError } from './query-error';
import { TokenStream } from './token-stream';

/** The run attributes a filter or sort can use. */
export type AttributeName =
  'id' | 'name' | 'experiment' | 'status' | 'started' | 'ended' | 'duration';

export type KeyRef =
  | { entity: 'metric' | 'param' | 'tag'; name: string }
  | { entity: 'attribute'; name: AttributeName };

/** What kind of value each attribute holds, which decides the operators it takes. */
export const ATTRIBUTE_KINDS: Record<AttributeName, 'text' | 'time' | 'duration'> = {
  id: 'text',
  name: 'text',
  experiment: 'text',
  status: 'text',
  started: 'time',
  ended: 'time',
  duration: 'duration',
};

/** Other spellings, including MLflow's. */
const ATTRIBUTE_ALIASES: Record<string, AttributeName> = {
  run_id: 'id',
  run_name: 'name',
  experiment_name: 'experiment',
  start_time: 'started',
  end_time: 'ended',
};

const ENTITY_PREFIXES: Record<string, KeyRef['entity']> = {
  metrics: 'metric',
  metric: 'metric',
  params: 'param',
  param: 'param',
  parameters: 'param',
  parameter: 'param',
  tags: 'tag',
  tag: 'tag',
  attributes: 'attribute',
  attribute: 'attribute',
  attr: 'attribute',
};

/** Longer sort keys are refused rather than parsed. */
export const MAX_SORT_KEY_LENGTH = 1_000;

const EXPECTED_KEY =
  'a key such as metrics.loss, params.lr, tags.stage, status, name, experiment, ' +
  'started or duration';

function attributeNamed(name: string): AttributeName | undefined {
  const lower = name.toLowerCase();
  if (lower in ATTRIBUTE_KINDS) {
    return lower as AttributeName;
  }

  return ATTRIBUTE_ALIASES[lower];
}

/** Reads one key from the stream. */
export function readKey(stream: TokenStream): KeyRef {
  const first = stream.peek();
  if (first.kind !== 'word') {
    throw stream.error(EXPECTED_KEY);
  }

  stream.next();
  const dot = first.text.indexOf('.');
  if (dot === -1) {
    const attribute = attributeNamed(first.text);
    if (!attribute) {
      throw new QueryError(first.position, EXPECTED_KEY, `"${first.text}"`);
    }

    return { entity: 'attribute', name: attribute };
  }

  const prefix = first.text.slice(0, dot);
  const entity = ENTITY_PREFIXES[prefix.toLowerCase()];
  if (!entity) {
    throw new QueryError(first.position, EXPECTED_KEY, `"${first.text}"`);
  }

  let name = first.text.slice(dot + 1);
  if (name === '') {
    const quoted = stream.peek();
    if (quoted.kind !== 'backtick' && quoted.kind !== 'string') {
      throw stream.error(`a name after "${first.text}", in backticks if it has odd characters`);
    }

    stream.next();
    name = quoted.text;
    if (name === '') {
      throw new QueryError(quoted.position, 'a name that is not empty', 'an empty name');
    }
  }

  if (entity !== 'attribute') {
    return { entity, name };
  }

  const attribute = attributeNamed(name);
  if (!attribute) {
    throw new QueryError(first.position, EXPECTED_KEY, `"${first.text}"`);
  }

  return { entity: 'attribute', name: attribute };
}

/** Reads a sort key, such as `metrics.loss` or `started`. */
export function parseSortKey(text: string): KeyRef {
  if (text.length > MAX_SORT_KEY_LENGTH) {
    throw new QueryError(
      MAX_SORT_KEY_LENGTH,
      `a sort key of at most ${MAX_SORT_KEY_LENGTH} characters`,
      `${text.length} characters`,
      'sort key',
    );
  }

  try {
    const stream = new TokenStream(text);
    const key = readKey(stream);
    stream.expect('end', 'the end of the sort key');
    return key;
  } catch (error) {
    throw error instanceof QueryError ? error.asSortKeyError() : error;
  }
}

/** Writes a key back in the query syntax, for column titles and messages. */
export function formatKey(key: KeyRef): string {
  if (key.entity === 'attribute') {
    return key.name;
  }

  const plain = /^[A-Za-z0-9_.\-/:]+$/.test(key.name);
  return `${key.entity}s.${plain ? key.name : `\`${key.name}\``}`;
}
