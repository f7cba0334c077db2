import { strict as assert } from 'node:assert';

import { comparePageHtml, comparePagePolicy } from '../../../src/extension/compare/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'q3kLx0Zr9VbT2mN8pW4aYc==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/main.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/codicons.css',
};

describe('the Compare page', () => {
  it('allows nothing by default, scripts only by nonce and no inline code or eval', () => {
    const policy = comparePagePolicy(options.cspSource, options.nonce);
    assert.match(policy, /^default-src 'none'/);
    assert.match(policy, /script-src 'nonce-q3kLx0Zr9VbT2mN8pW4aYc=='(;|$)/);
    assert.match(policy, /connect-src 'none'/);
    assert.match(policy, new RegExp(`style-src ${options.cspSource.replace(/[.+]/g, '\\$&')};`));
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads the bundle with the nonce and nothing inline', () => {
    const html = comparePageHtml(options);
    assert.ok(html.includes(`<script nonce="${options.nonce}" src="${options.scriptUri}">`));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /style=|<style/);
    assert.ok(html.includes('id="vscode-codicon-stylesheet"'));
  });

  it('refuses a nonce too short to be unguessable', () => {
    assert.throws(() => comparePageHtml({ ...options, nonce: 'abc' }), /nonce/);
  });

  it('escapes what it puts in attributes', () => {
    const html = comparePageHtml({ ...options, title: '"><script>' });
    assert.doesNotMatch(html, /"><script>/);
  });
});
