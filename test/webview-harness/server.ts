/**
 * Serves the Compare panel outside VS Code for the harness: the real page from
 * `comparePageHtml`, with its real CSP, plus the fake host script, over plain HTTP on
 * localhost. Run it directly (`node out/test/webview-harness/server.js`) to look at the panel
 * in a browser while working on it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

import * as esbuild from 'esbuild';

import { comparePageHtml } from '../../src/extension/compare/html';

const ROOT = join(__dirname, '..', '..', '..');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** A running harness server. */
export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles the fake host for the browser. */
async function bundleFakeHost(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'test/webview-harness/browser/fake-host.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

function page(origin: string): string {
  const nonce = randomBytes(18).toString('base64');
  const html = comparePageHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview/main.js`,
    styleUri: `${origin}/dist/webview/main.css`,
    codiconUri: `${origin}/dist/webview/codicons.css`,
  });
  const host = `<script nonce="${nonce}" src="${origin}/harness/fake-host.js"></script>\n`;
  return html.replace('<script nonce=', `${host}<script nonce=`);
}

/** Starts the server on a free port; the panel must already be built into dist/webview. */
export async function startHarnessServer(): Promise<HarnessServer> {
  const fakeHost = await bundleFakeHost();
  let origin = '';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    const reply = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (path === '/') {
      reply(200, 'text/html; charset=utf-8', page(origin));
      return;
    }

    if (path === '/harness/fake-host.js') {
      reply(200, TYPES['.js'], fakeHost);
      return;
    }

    const file = normalize(join(ROOT, path));
    if (!path.startsWith('/dist/webview/') || !file.startsWith(join(ROOT, 'dist', 'webview'))) {
      reply(404, 'text/plain', 'not found');
      return;
    }

    readFile(file).then(
      (body) => reply(200, TYPES[extname(file)] ?? 'application/octet-stream', body),
      () => reply(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  startHarnessServer().then((server) => {
    console.log(`Compare harness at ${server.url}/?scenario=two&theme=dark (Ctrl+C to stop)`);
  });
}
