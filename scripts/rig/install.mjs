// Installs what the test rig needs to run Labbook in a real VS Code on a machine that reaches
// only the npm registry and Debian's packages: code-server (VS Code's workbench and Node
// extension host, served to a browser), Debian's Chromium to drive it, and the Debian packages
// code-server's native modules build against.
//
// code-server is cached outside the repository, keyed by version, so a second run costs a few
// milliseconds. It is built in a private staging folder and renamed into place only once it
// works, under a lock, so two runs at once neither race nor leave a half-built cache behind.
//
// Progress goes to stderr; with `--json`, stdout carries one line saying where things are, for
// the launchers in test/rig/ to read.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const codeServerVersion = '4.100.3';
const chromiumPath = '/usr/bin/chromium';
const ripgrepPath = '/usr/bin/rg';
const lockWaitMilliseconds = 20 * 60 * 1000;
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Raised for a step that cannot work here; its message is the one sentence the user sees. */
class RigInstallError extends Error {}

function say(message) {
  process.stderr.write(`[rig install] ${message}\n`);
}

function cacheRoot() {
  if (process.env.LABBOOK_RIG_CACHE) {
    return process.env.LABBOOK_RIG_CACHE;
  }

  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'labbook-rig');
}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function run(command, args, options = {}) {
  const { cwd = projectRoot, env = {}, what } = options;
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    // The commands' own output goes to stderr too, so stdout stays free for `--json`.
    stdio: ['ignore', 2, 2],
  });
  if (result.error) {
    throw new RigInstallError(
      `${what} failed because ${command} could not start: ${result.error.message}.`,
    );
  }

  if (result.status !== 0) {
    throw new RigInstallError(
      `${what} failed (\`${command} ${args.join(' ')}\` exited with ${result.status} ` +
        `in ${cwd}); its output is above.`,
    );
  }

  say(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Debian packages the rig needs, each with the check that says it is already there. */
const debianNeeds = [
  { name: 'chromium', present: () => existsSync(chromiumPath) },
  { name: 'ripgrep', present: () => existsSync(ripgrepPath) },
  { name: 'libkrb5-dev', present: () => debianPackageInstalled('libkrb5-dev') },
  { name: 'g++', present: () => commandExists('g++') },
  { name: 'make', present: () => commandExists('make') },
  { name: 'python3', present: () => commandExists('python3') },
];

function installDebianPackages() {
  const missing = debianNeeds.filter((need) => !need.present()).map((need) => need.name);
  if (missing.length === 0) {
    say('Debian packages: all present');
    return;
  }

  const list = missing.join(' ');
  if (!commandExists('apt-get')) {
    throw new RigInstallError(
      `The rig needs the Debian packages ${list}, but this machine has no apt-get; ` +
        'install their equivalents and run this again.',
    );
  }

  if (process.getuid?.() !== 0) {
    throw new RigInstallError(
      `The rig needs the Debian packages ${list}, and apt-get needs root: ` +
        `run \`sudo apt-get install -y ${list}\` and then this again.`,
    );
  }

  // Another apt-get (a second copy of this script, say) holds the lock for a while: wait for it.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', [...lockWait, 'update'], { env, what: 'apt-get update' });
  run('apt-get', [...lockWait, 'install', '-y', ...missing], {
    env,
    what: `apt-get install ${list}`,
  });
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new RigInstallError(
      `code-server ${codeServerVersion} runs only on Node.js 20 and this is ` +
        `Node.js ${process.versions.node}; switch to Node.js 20 and run this again.`,
    );
  }
}

function checkPlaywright() {
  try {
    createRequire(join(projectRoot, 'package.json')).resolve('playwright-core');
  } catch {
    throw new RigInstallError(
      'playwright-core is not installed in this project; run `npm ci` in the project folder first.',
    );
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sleep(milliseconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/**
 * Takes the install lock (a folder, since mkdir is atomic), or waits while a live process holds
 * it. Returns false when the cache appeared while waiting, so there is nothing left to do.
 */
function acquireLock(lockPath, finalPath) {
  const deadline = Date.now() + lockWaitMilliseconds;
  let announced = false;
  for (;;) {
    if (existsSync(finalPath)) {
      return false;
    }

    try {
      mkdirSync(lockPath);
      writeFileSync(join(lockPath, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
    }

    const holder = Number(readFileIfPresent(join(lockPath, 'pid')));
    if (holder && !processAlive(holder)) {
      say(`removing a stale install lock left by process ${holder}`);
      rmSync(lockPath, { recursive: true, force: true });
      continue;
    }

    if (Date.now() > deadline) {
      throw new RigInstallError(
        `Another install of code-server has held ${lockPath} for over 20 minutes; ` +
          'stop it or remove that folder, then run this again.',
      );
    }

    if (!announced) {
      say(`another process (${holder || 'starting'}) is installing code-server; waiting for it`);
      announced = true;
    }

    sleep(2000);
  }
}

function readFileIfPresent(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function linkFresh(target, linkPath) {
  rmSync(linkPath, { force: true, recursive: true });
  symlinkSync(target, linkPath);
}

/** Installs code-server into `staging`, doing by hand the post-install steps that download. */
function buildCodeServer(staging) {
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');

  // node-pty's post-install runs `npx node-gyp`, which stops at a yes/no prompt unless told yes.
  const npmEnv = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const install = ['install', '--ignore-scripts', '--no-save', '--no-package-lock'];
  run('npm', [...install, `code-server@${codeServerVersion}`], {
    cwd: staging,
    env: npmEnv,
    what: `npm install code-server@${codeServerVersion}`,
  });

  const vscodeFolder = join(staging, 'node_modules/code-server/lib/vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], {
    cwd: vscodeFolder,
    env: npmEnv,
    what: "npm install of code-server's VS Code",
  });

  // @vscode/ripgrep's post-install downloads rg unless the binary is already in place.
  const ripgrepBin = join(vscodeFolder, 'node_modules/@vscode/ripgrep/bin');
  mkdirSync(ripgrepBin, { recursive: true });
  copyFileSync(ripgrepPath, join(ripgrepBin, 'rg'));
  run('npm', ['rebuild'], { cwd: vscodeFolder, env: npmEnv, what: 'native modules of VS Code' });

  // What code-server's own post-install would have linked.
  linkFresh('node_modules', join(vscodeFolder, 'node_modules.asar'));
  linkFresh('code-linux.sh', join(vscodeFolder, 'bin/remote-cli/code-server'));
  linkFresh('browser-linux.sh', join(vscodeFolder, 'bin/helpers/browser.sh'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], {
    cwd: join(vscodeFolder, 'extensions'),
    env: npmEnv,
    what: "npm install of VS Code's built-in extensions",
  });
  run('npm', ['rebuild', 'argon2'], { cwd: staging, env: npmEnv, what: 'argon2 for code-server' });

  const binary = join(staging, 'node_modules/.bin/code-server');
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(`${codeServerVersion} `)) {
    throw new RigInstallError(
      'The freshly built code-server does not start ' +
        `(\`code-server --version\` said: ${(version.stderr || version.stdout).trim()}).`,
    );
  }
}

function installCodeServer() {
  const root = cacheRoot();
  const finalPath = join(root, `code-server-${codeServerVersion}`);
  if (existsSync(finalPath)) {
    say(`code-server ${codeServerVersion}: cached in ${finalPath}`);
    return finalPath;
  }

  mkdirSync(root, { recursive: true });
  const lockPath = `${finalPath}.lock`;
  if (!acquireLock(lockPath, finalPath)) {
    say(`code-server ${codeServerVersion}: installed by another process in ${finalPath}`);
    return finalPath;
  }

  const staging = `${finalPath}.staging-${process.pid}`;
  try {
    say(`installing code-server ${codeServerVersion} into ${finalPath} (a few minutes, once)`);
    buildCodeServer(staging);
    renameSync(staging, finalPath);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(lockPath, { recursive: true, force: true });
  }

  return finalPath;
}

function main() {
  const started = Date.now();
  if (process.platform !== 'linux') {
    throw new RigInstallError(
      `This install script builds code-server for Linux and this is ${process.platform}; ` +
        'use `npm run test:integration:electron` instead.',
    );
  }

  checkNode();
  checkPlaywright();
  installDebianPackages();
  const folder = installCodeServer();
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes('--json')) {
    const paths = {
      codeServerVersion,
      codeServer: join(folder, 'node_modules/.bin/code-server'),
      chromium: chromiumPath,
    };
    process.stdout.write(`${JSON.stringify(paths)}\n`);
  }
}

try {
  main();
} catch (error) {
  // Anything else (a full disk, a folder without write access) still gets one sentence.
  const message = error instanceof RigInstallError ? error.message : `Stopped: ${error.message}`;
  say(message);
  process.exit(1);
}
