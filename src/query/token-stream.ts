/** A cursor over tokens, with errors that say what was expected where. */
import { describeToken, type Token, tokenize } from './lexer';
import { QueryError } from './query-error';

export class TokenStream {
  private index = 0;
  private readonly tokens: Token[];

  constructor(text: string) {
    this.tokens = tokenize(text);
  }

  peek(): Token {
    return this.tokens[this.index] as Token;
  }

  next(): Token {
    const current = this.peek();
    if (current.kind !== 'end') {
      this.index += 1;
    }

    return current;
  }

  /** Whether the next token is the keyword `word` (any case); consumes it if so. */
  acceptKeyword(word: string): boolean {
    const current = this.peek();
    if (current.kind === 'word' && current.text.toLowerCase() === word) {
      this.index += 1;
      return true;
    }

    return false;
  }

  /** Consumes a token of `kind`, or throws naming `expected`. */
  expect(kind: Token['kind'], expected: string): Token {
    const current = this.peek();
    if (current.kind !== kind) {
      throw this.error(expected, current);
    }

    return this.next();
  }

  /** An error at `at` (the next token by default). */
  error(expected: string, at: Token = this.peek()): QueryError {
    return new QueryError(at.position, expected, describeToken(at));
  }
}
