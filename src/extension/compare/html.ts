/**
 * The Compare panel's page. Kept free of `vscode` so the dev harness serves the very same page
 * and the policy can be tested without a workbench.
 */

/** What the page needs from the host; every URI already converted with `asWebviewUri`. */
export interface ComparePageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh value of at least 128 random bits per page load, in base64 or hex. */
  nonce: string;
  scriptUri: string;
  /** The bundle's stylesheet (uPlot's and ours). */
  styleUri: string;
  /** The codicon stylesheet; `@vscode-elements` icons find it by its element id. */
  codiconUri: string;
  title?: string;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The Content Security Policy of the page. Nothing may load except the bundle's script (by
 * nonce), its styles and fonts (from the webview's own origin) and data: images, which a PNG
 * export uses. No inline code, no eval, no network.
 */
export function comparePagePolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The page HTML. Throws when the nonce is too short to be unguessable. */
export function comparePageHtml(options: ComparePageOptions): string {
  if (!NONCE_PATTERN.test(options.nonce)) {
    throw new Error('The page nonce must be at least 16 base64 or hex characters.');
  }

  const policy = comparePagePolicy(options.cspSource, options.nonce);
  const nonce = escapeAttribute(options.nonce);
  const title = escapeAttribute(options.title ?? 'Labbook: Compare');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title}</title>
<link rel="stylesheet" href="${escapeAttribute(options.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
