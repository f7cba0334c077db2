/**
 * Run values are untrusted text from scripts Labbook did not write. Before any of it
 * goes into a Markdown tooltip, every character that Markdown or HTML could read as
 * syntax is escaped, so a name like `[x](command:...)` or `<img onerror>` stays text.
 */

const MARKDOWN_SYNTAX = /[\\`*_{}[\]()#+\-.!|<>~&"':$=]/g;

/**
 * Everything that can end a line: the control characters, and NEL and the Unicode line and
 * paragraph separators, which Markdown renderers (marked, and so VS Code's hovers) also take
 * as line ends, so that a value holding one broke its tooltip table row apart.
 */
const LINE_BREAKING = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** Escapes text for one line of Markdown, folding line breaks and control characters. */
export function escapeMarkdown(text: string, maxLength = 200): string {
  const flattened = text.replace(LINE_BREAKING, ' ');
  const shortened = flattened.length > maxLength ? `${flattened.slice(0, maxLength)}…` : flattened;
  return shortened.replace(MARKDOWN_SYNTAX, (character) => `\\${character}`);
}
