/**
 * Builds DOM from data. Run names, params and tags are text anyone could have written, so
 * everything goes in through textContent and attributes, never through HTML parsing.
 */

/** What {@link element} can set on a new element. */
export interface ElementOptions {
  className?: string;
  text?: string;
  attributes?: Record<string, string>;
  children?: (Node | null | undefined)[];
  title?: string;
}

/** A new element of `tag` with the given class, text, attributes and children. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
): HTMLElementTagNameMap[K];
export function element(tag: string, options?: ElementOptions): HTMLElement;
export function element(tag: string, options: ElementOptions = {}): HTMLElement {
  const created = document.createElement(tag);
  if (options.className) {
    created.className = options.className;
  }

  if (options.text !== undefined) {
    created.textContent = options.text;
  }

  if (options.title !== undefined) {
    created.title = options.title;
  }

  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    created.setAttribute(name, value);
  }

  for (const child of options.children ?? []) {
    if (child) {
      created.append(child);
    }
  }

  return created;
}

/** An SVG element; attributes set one by one, so no markup is parsed. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const created = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, String(value));
  }

  return created;
}

/** A codicon glyph, hidden from screen readers: the control around it carries the label. */
export function codicon(name: string): HTMLElement {
  return element('span', {
    className: `codicon codicon-${name}`,
    attributes: { 'aria-hidden': 'true' },
  });
}

/** A compact button with an icon, labelled for screen readers and tooltips. */
export function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = element('button', {
    className: 'icon-button',
    attributes: { type: 'button', 'aria-label': label },
    title: label,
    children: [codicon(icon)],
  });
  button.addEventListener('click', onClick);
  return button;
}

/** Removes every child of `node`. */
export function clear(node: Node): void {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}
