/**
 * The CLI's human output goes to a terminal, which obeys control characters. Run names,
 * params, tags, notes and metric keys come from scripts Labbook did not write, so a name
 * holding an escape sequence could recolour the screen, retitle the window, hide text or
 * rewrite earlier lines. Every control character is therefore shown as a visible symbol,
 * and JSON output spells the invisible ones as `\u` escapes, which parse to the same text.
 */
import { Writable } from 'node:stream';

/** C0 controls but tab and newline, which output uses itself. */
const C0_CONTROL = /[\u0000-\u0008\u000b-\u001f]/g;

/** DEL, the C1 controls, line and paragraph separators, and bidirectional overrides. */
const INVISIBLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The Unicode control pictures start at U+2400 for NUL. */
const CONTROL_PICTURES = 0x2400;

/** The text with control characters shown as symbols (␛ for ESC) or as U+FFFD. */
export function terminalSafe(text: string): string {
  return text
    .replace(C0_CONTROL, (char) => String.fromCharCode(CONTROL_PICTURES + char.charCodeAt(0)))
    .replace(INVISIBLE, (char) => (char === '\u007f' ? '\u2421' : '\ufffd'));
}

/** JSON text in which the invisible characters that JSON allows raw are `\u` escapes. */
export function escapeInvisible(json: string): string {
  return json.replace(
    INVISIBLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

type WriteCallback = (error?: Error | null) => void;

/** A stream that hands text on to `target` at once, made safe for a terminal. */
export class TerminalStream extends Writable {
  constructor(private readonly target: Writable) {
    super();
  }

  override write(
    chunk: unknown,
    encoding?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean {
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const done = typeof encoding === 'function' ? encoding : callback;
    return this.target.write(terminalSafe(text), done);
  }
}
