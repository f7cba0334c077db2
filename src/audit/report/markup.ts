/**
 * Escaping for the report. Every value in it comes from run records, which anyone who can
 * start a run can fill, so every value passes through here before it meets markup.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML and SVG element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/**
 * Text made safe for a Markdown table cell or paragraph: HTML is escaped (Markdown
 * renderers pass it through), Markdown punctuation is backslash-escaped, and line breaks
 * become spaces so that a value cannot end a table row (NEL and the Unicode line and
 * paragraph separators too, which renderers also take as line ends). `:` and `@` are
 * escaped too: GitHub-flavoured renderers turn `https://…`, `www.…` and `a@b.example` in
 * plain text into links, and a run's name must not become one.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~:@]/g, (character) => `\\${character}`)
    .replace(/[\r\n\u000b\u000c\u0085\u2028\u2029]+/g, ' ');
}
