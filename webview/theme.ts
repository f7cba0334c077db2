/**
 * The VS Code theme as the webview sees it: VS Code puts the theme's kind in a class on
 * <body> and its colours in CSS variables on <html>, and changes both when the theme changes.
 * Canvas drawing cannot use CSS variables, so charts read the current values and redraw on
 * change.
 */
import type { ThemeKind } from '../src/compare-logic/run-colours';

/** The kind of the current theme, from the class VS Code sets on <body>. */
export function currentThemeKind(): ThemeKind {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) {
    return 'highContrastLight';
  }

  if (classes.contains('vscode-high-contrast')) {
    return 'highContrast';
  }

  return classes.contains('vscode-light') ? 'light' : 'dark';
}

/** The current value of a theme variable such as `--vscode-foreground`, or `fallback`. */
export function themeColour(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value || fallback;
}

/** Calls `onChange` (once per frame at most) whenever the theme changes; returns a stop. */
export function watchTheme(onChange: () => void): () => void {
  let pending = 0;
  const observer = new MutationObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(onChange);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
