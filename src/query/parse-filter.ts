/**
 * Parses a filter in MLflow's search syntax, extended with `or`, `not` and
 * parentheses, into a checked tree: every key has an operator and values it accepts.
 */
import { ATTRIBUTE_KINDS, type KeyRef, readKey } from './keys';
import { likePatternProblem } from './like-pattern';
import type { Token } from './lexer';
import { durationValue, statusValue, timeValue } from './literal-values';
import { QueryError } from './query-error';
import { TokenStream } from './token-stream';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'ilike' | 'in';

/** One `key operator value` test. `negated` is set for NOT LIKE, NOT ILIKE and NOT IN. */
export interface Comparison {
  kind: 'compare';
  key: KeyRef;
  operator: ComparisonOperator;
  negated: boolean;
  /** One value, or the list of an IN. Times and durations are already in seconds. */
  values: (string | number)[];
}

export type FilterNode =
  | Comparison
  | { kind: 'and' | 'or'; operands: FilterNode[] }
  | { kind: 'not'; operand: FilterNode };

/** Longer filters are refused rather than parsed. */
export const MAX_FILTER_LENGTH = 10_000;
/** Deeper nesting of parentheses and `not` is refused, so parsing cannot exhaust the stack. */
export const MAX_FILTER_DEPTH = 40;
/** More comparisons are refused: SQLite limits how deep an expression may be. */
export const MAX_COMPARISONS = 200;
/** More values in all IN lists together are refused. */
export const MAX_VALUES = 1_000;

type ValueKind = 'number' | 'param' | 'text' | 'status' | 'time' | 'duration';

const ORDERING: ComparisonOperator[] = ['=', '!=', '<', '<=', '>', '>='];
const TEXTUAL: ComparisonOperator[] = ['=', '!=', 'like', 'ilike', 'in'];

function valueKind(key: KeyRef): ValueKind {
  switch (key.entity) {
    case 'metric':
      return 'number';
    case 'param':
      return 'param';
    case 'tag':
      return 'text';
    case 'attribute': {
      const kind = ATTRIBUTE_KINDS[key.name];
      return key.name === 'status' ? 'status' : kind;
    }
  }
}

function operatorsFor(kind: ValueKind): ComparisonOperator[] {
  switch (kind) {
    case 'number':
      return [...ORDERING, 'in'];
    case 'param':
      return [...ORDERING, 'like', 'ilike', 'in'];
    case 'text':
    case 'status':
      return TEXTUAL;
    case 'time':
    case 'duration':
      return ORDERING;
  }
}

function describeOperators(operators: ComparisonOperator[]): string {
  return `one of ${operators.map((operator) => operator.toUpperCase()).join(' ')}`;
}

class FilterParser {
  private comparisons = 0;
  private values = 0;

  constructor(private readonly stream: TokenStream) {}

  parseOr(depth: number): FilterNode {
    const operands = [this.parseAnd(depth)];
    while (this.stream.acceptKeyword('or')) {
      operands.push(this.parseAnd(depth));
    }

    return operands.length === 1 ? (operands[0] as FilterNode) : { kind: 'or', operands };
  }

  private parseAnd(depth: number): FilterNode {
    const operands = [this.parsePrimary(depth)];
    while (this.stream.acceptKeyword('and')) {
      operands.push(this.parsePrimary(depth));
    }

    return operands.length === 1 ? (operands[0] as FilterNode) : { kind: 'and', operands };
  }

  private parsePrimary(depth: number): FilterNode {
    if (depth >= MAX_FILTER_DEPTH) {
      throw this.stream.error(`at most ${MAX_FILTER_DEPTH} levels of parentheses and "not"`);
    }

    if (this.stream.acceptKeyword('not')) {
      return { kind: 'not', operand: this.parsePrimary(depth + 1) };
    }

    if (this.stream.peek().kind === '(') {
      this.stream.next();
      const inner = this.parseOr(depth + 1);
      this.stream.expect(')', '")", "and" or "or"');
      return inner;
    }

    return this.parseComparison();
  }

  private readOperator(kind: ValueKind): { operator: ComparisonOperator; negated: boolean } {
    const allowed = operatorsFor(kind);
    const token = this.stream.peek();
    const negated = this.stream.acceptKeyword('not');
    const next = this.stream.peek();
    const word = next.kind === 'word' ? next.text.toLowerCase() : '';
    const operator = (
      next.kind === 'operator' && !negated
        ? next.text
        : ['like', 'ilike', 'in'].includes(word)
          ? word
          : undefined
    ) as ComparisonOperator | undefined;

    if (!operator || !allowed.includes(operator)) {
      const choices = negated
        ? allowed.filter((choice) => ['like', 'ilike', 'in'].includes(choice))
        : allowed;
      throw this.stream.error(describeOperators(choices), negated ? next : token);
    }

    this.stream.next();
    return { operator, negated };
  }

  private parseComparison(): Comparison {
    this.comparisons += 1;
    if (this.comparisons > MAX_COMPARISONS) {
      throw this.stream.error(`at most ${MAX_COMPARISONS} comparisons`);
    }

    const key = readKey(this.stream);
    const kind = valueKind(key);
    const { operator, negated } = this.readOperator(kind);
    if (operator !== 'in') {
      return { kind: 'compare', key, operator, negated, values: [this.readValue(kind, operator)] };
    }

    this.stream.expect('(', 'a "(" to open the IN list');
    const values = [this.readValue(kind, operator)];
    while (this.stream.peek().kind === ',') {
      this.stream.next();
      values.push(this.readValue(kind, operator, typeof values[0]));
    }

    this.stream.expect(')', '"," or ")" to close the IN list');
    return { kind: 'compare', key, operator, negated, values };
  }

  private readValue(kind: ValueKind, operator: ComparisonOperator, like?: string): string | number {
    this.values += 1;
    if (this.values > MAX_VALUES) {
      throw this.stream.error(`at most ${MAX_VALUES} values`);
    }

    const token = this.stream.peek();
    if (token.kind !== 'number' && token.kind !== 'string') {
      throw this.stream.error(expectedValue(kind, operator));
    }

    const wantsText =
      kind === 'text' || kind === 'status' || operator === 'like' || operator === 'ilike';
    const mismatched =
      (kind === 'number' && token.kind !== 'number') ||
      (wantsText && token.kind !== 'string') ||
      (like === 'number' && token.kind !== 'number') ||
      (like === 'string' && token.kind !== 'string');

    if (mismatched) {
      throw this.stream.error(
        like
          ? `a ${like === 'number' ? 'number' : 'quoted string'} like the first value`
          : expectedValue(kind, operator),
      );
    }

    const problem =
      operator === 'like' || operator === 'ilike' ? likePatternProblem(token.text) : undefined;
    if (problem) {
      throw this.stream.error(problem);
    }

    this.stream.next();
    return convertValue(kind, operator, token);
  }
}

function expectedValue(kind: ValueKind, operator: ComparisonOperator): string {
  if (operator === 'like' || operator === 'ilike') {
    return 'a quoted pattern such as "%loss%"';
  }

  switch (kind) {
    case 'number':
      return 'a number';
    case 'param':
      return 'a quoted string or a number';
    case 'text':
    case 'status':
      return 'a quoted string';
    case 'time':
      return 'a quoted date such as "2026-12-01"';
    case 'duration':
      return 'a number of seconds or a quoted duration such as "5m"';
  }
}

function convertValue(
  kind: ValueKind,
  operator: ComparisonOperator,
  token: Token,
): string | number {
  if (kind === 'time') {
    return timeValue(token);
  }

  if (kind === 'duration') {
    return durationValue(token);
  }

  if (kind === 'status' && operator !== 'like' && operator !== 'ilike') {
    return statusValue(token);
  }

  return token.kind === 'number' ? token.number : token.text;
}

/** Parses a filter; an empty or blank filter is undefined (it matches every run). */
export function parseFilter(text: string): FilterNode | undefined {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new QueryError(
      MAX_FILTER_LENGTH,
      `a filter of at most ${MAX_FILTER_LENGTH} characters`,
      `${text.length} characters`,
    );
  }

  const stream = new TokenStream(text);
  if (stream.peek().kind === 'end') {
    return undefined;
  }

  const node = new FilterParser(stream).parseOr(0);
  stream.expect('end', '"and", "or" or the end of the filter');
  return node;
}
