/**
 * Reads HTML for the markup cases: the elements and attributes it makes, and the text a person
 * sees. Markdown is rendered by marked, the renderer VS Code's hovers are built on, so a
 * tooltip is checked as the workbench would turn it into HTML.
 */
import { marked } from 'marked';

/** An element: its tag name and its attributes by name, values unquoted. */
export interface HtmlElement {
  tag: string;
  attributes: Map<string, string>;
}

/** What a piece of HTML makes: its elements, and its visible text. */
export interface RenderedHtml {
  elements: HtmlElement[];
  text: string;
}

const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set((match[1] as string).toLowerCase(), value);
  }

  return attributes;
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};

/** The elements and text of an HTML string. Text can hold no tag: `<` in it is `&lt;`. */
export function readHtml(html: string): RenderedHtml {
  const tags = /<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const elements = [...html.matchAll(tags)].map((match) => ({
    tag: (match[1] as string).toLowerCase(),
    attributes: attributesOf(match[2] as string),
  }));
  const text = html
    .replace(/<[A-Za-z/!](?:[^>"']|"[^"]*"|'[^']*')*>/g, '')
    .replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  return { elements, text };
}

/** Markdown rendered to HTML as a hover would be, then read. */
export function renderMarkdown(markdown: string): RenderedHtml {
  return readHtml(marked.parse(markdown, { async: false }));
}
