/**
 * Splits a filter into tokens. Keys are words such as `metrics.loss` or
 * `params.lr`; keys with other characters go in backticks: metrics.`val loss`.
 */
import { QueryError } from './query-error';

export type TokenKind =
  'word' | 'backtick' | 'string' | 'number' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** The word, the unquoted string or backtick text, or the operator. */
  text: string;
  /** The value of a number token. */
  number: number;
  /** 0-based offset of the token's first character. */
  position: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_.\-/:]/;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATORS = ['<=', '>=', '!=', '<>', '==', '=', '<', '>'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

/** Longer strings are shortened in messages, so that an error stays one readable sentence. */
const SHOWN_STRING_LENGTH = 40;

/** How a token is named in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the filter';
    case 'string': {
      const { text } = token;
      const shown =
        text.length > SHOWN_STRING_LENGTH ? `${text.slice(0, SHOWN_STRING_LENGTH)}…` : text;
      return `the string ${JSON.stringify(shown)}`;
    }

    case 'backtick':
      return `\`${token.text}\``;
    case 'number':
      return `the number ${token.text}`;
    default:
      return `"${token.text}"`;
  }
}

function readQuoted(text: string, start: number): { value: string; next: number } {
  const quote = text[start] as string;
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === quote) {
      return { value, next: index + 1 };
    }

    if (char === '\\' && quote !== '`' && index + 1 < text.length) {
      const escaped = text[index + 1] as string;
      value += ESCAPES[escaped] ?? escaped;
      index += 2;
      continue;
    }

    value += char;
    index += 1;
  }

  throw new QueryError(start, `a closing ${quote} for the text that starts here`, 'the end');
}

function token(kind: TokenKind, text: string, position: number, number = NaN): Token {
  return { kind, text, number, position };
}

/** The tokens of `text`, ending with an `end` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }

    if (char === '"' || char === "'" || char === '`') {
      const { value, next } = readQuoted(text, index);
      tokens.push(token(char === '`' ? 'backtick' : 'string', value, index));
      index = next;
      continue;
    }

    NUMBER.lastIndex = index;
    const number = NUMBER.exec(text);
    if (number) {
      const end = index + number[0].length;
      if (end < text.length && WORD_PART.test(text[end] as string)) {
        throw new QueryError(
          index,
          'a number or a quoted string',
          `"${text.slice(index, end + 1)}"`,
        );
      }

      tokens.push(token('number', number[0], index, Number(number[0])));
      index = end;
      continue;
    }

    if (WORD_START.test(char)) {
      let end = index + 1;
      while (end < text.length && WORD_PART.test(text[end] as string)) {
        end += 1;
      }

      tokens.push(token('word', text.slice(index, end), index));
      index = end;
      continue;
    }

    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
    if (operator) {
      const normal = operator === '==' ? '=' : operator === '<>' ? '!=' : operator;
      tokens.push(token('operator', normal, index));
      index += operator.length;
      continue;
    }

    if (char === '(' || char === ')' || char === ',') {
      tokens.push(token(char, char, index));
      index += 1;
      continue;
    }

    throw new QueryError(index, 'a key, a value, an operator or a parenthesis', `"${char}"`);
  }

  tokens.push(token('end', '', text.length));
  return tokens;
}
