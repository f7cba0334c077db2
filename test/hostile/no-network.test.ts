/**
 * No network access anywhere in the product (docs/security.md). Every command of the CLI, a
 * tracked Python run through the Python SDK and a Node run through the Node SDK run with each
 * way to reach the network trapped: Node's by a preload in every Node process, Python's by an
 * audit hook. Nothing may try. And no source file of the product names a network API.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NODE_SDK, HostileFolder } from './hostile-helpers';
import { REPO_ROOT } from '../unit/launch/processes';

const TRAP = join(__dirname, 'network-trap-preload.js');

/** Python's audit events for reaching another machine (and the lookups before it). */
const PYTHON_TRAP = [
  'import os, sys',
  'NETWORK = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",',
  '           "socket.gethostbyname", "socket.gethostbyaddr", "http.client.connect",',
  '           "urllib.Request", "ftplib.connect", "smtplib.connect")',
  'def watch(event, args):',
  '    if event in NETWORK:',
  '        with open(os.environ["LABBOOK_TEST_NETWORK_LOG"], "a") as log:',
  '            log.write("%d %s\\n" % (os.getpid(), event))',
  'sys.addaudithook(watch)',
].join('\n');

/** Where the product's code is, and what would mean it talks to the network. */
const SOURCE_FOLDERS = [
  'src',
  'webview',
  join('sdk', 'node', 'src'),
  join('sdk', 'python', 'labbook'),
];
// `import socket` is not in the list: the Python SDK imports it for gethostname() only, and
// the audit hook above sees any connection it would make. A method named fetch is no API.
const NETWORK_API = new RegExp(
  [
    String.raw`from ['"](node:)?(http|https|http2|net|tls|dgram|dns|undici)['"]`,
    String.raw`require\(['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]\)`,
    String.raw`(?<![.\w]|async |private )fetch\(`,
    String.raw`XMLHttpRequest|new WebSocket|EventSource|sendBeacon`,
    String.raw`\bimport (urllib|http\.client|requests|ftplib|smtplib)\b`,
    String.raw`\bfrom (urllib|http|requests)\b`,
  ].join('|'),
);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|py)$/.test(name))
    .map((name) => join(folder, name));
}

describe('no network access', function () {
  this.timeout(60_000);
  const store = new HostileFolder();
  const networkLog = join(store.folder, 'network.log');
  const env = { NODE_OPTIONS: `--require ${TRAP}`, LABBOOK_TEST_NETWORK_LOG: networkLog };

  after(() => store.remove());

  it('the CLI, the launcher and both SDKs try no connection and no name lookup', async () => {
    const python = [
      PYTHON_TRAP,
      'import labbook',
      'labbook.log_params({"lr": 0.1})',
      'for step in range(3):',
      '    labbook.log({"loss": 1 / (step + 1)})',
      'print("acc: 0.5")',
    ].join('\n');
    const node = `require(${JSON.stringify(NODE_SDK)}).log({ loss: 0.2 });`;
    await store.ok(['run', '--name', 'py', '--', 'python3', '-c', python], { env });
    await store.ok(['run', '--name', 'js', '--', process.execPath, '-e', node], { env });

    const report = join(store.folder, 'report');
    const commands = [
      ['ls'],
      ['show', 'py', '--json'],
      ['metrics', 'py', 'loss'],
      ['diff', 'py', 'js'],
      ['export'],
      ['tag', 'py', 'stage=final'],
      ['note', 'py', 'checked offline'],
      ['history', 'py'],
      ['report', '--out', `${report}.html`],
      ['report', '--out', `${report}.md`],
      ['verify'],
      ['ledger'],
      ['rebuild'],
    ];
    for (const args of commands) {
      await store.ok(args, { env });
    }

    const attempts = existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '';
    assert.equal(attempts, '', 'something tried the network');
    const shown = await store.showJson('py');
    assert.deepEqual(Object.keys(shown.metrics as object).sort(), ['acc', 'loss']);
  });

  it('the traps are live: attempts under them are caught and written down', async () => {
    const node = await store.node(`require('node:net').connect(9, '192.0.2.1');`, { env });
    assert.notEqual(node.code, 0);
    const python = `${PYTHON_TRAP}\nimport socket\nsocket.getaddrinfo("localhost", 9)`;
    await store.python(python, { env });
    const attempts = readFileSync(networkLog, 'utf8');
    assert.match(attempts, /net\.connect/);
    assert.match(attempts, /socket\.getaddrinfo/);
  });

  it('no source file of the product names a network API', () => {
    const offenders = SOURCE_FOLDERS.flatMap((folder) =>
      sourceFiles(join(REPO_ROOT, folder)),
    ).filter((path) => NETWORK_API.test(readFileSync(path, 'utf8')));
    assert.ok(offenders.length === 0, `network APIs in ${offenders.join(', ')}`);
    assert.ok(sourceFiles(join(REPO_ROOT, 'src')).length > 100, 'the sources were not found');
  });
});
