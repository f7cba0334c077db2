import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import {
  recordedEnvironment,
  redactUrlPasswords,
  secretValues,
} from '../../../src/launch/environment';
import { SecretScrubber } from '../../../src/launch/secret-scrubber';
import { hasPython, REPO_ROOT } from './processes';

describe('recorded environment', () => {
  it('keeps only allowlisted names and redacts secret-looking ones', () => {
    const recorded = recordedEnvironment({
      CUDA_VISIBLE_DEVICES: '0,1',
      HOME: '/home/me',
      HF_TOKEN: 'hf_abcdef',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
    assert.deepEqual(recorded, { CUDA_VISIBLE_DEVICES: '0,1', HF_TOKEN: '[redacted]' });
  });

  it('takes extra names from the config, still redacting secrets', () => {
    const recorded = recordedEnvironment({ MY_FLAG: '1', MY_API_KEY: 'k' }, ['MY_*']);
    assert.deepEqual(recorded, { MY_API_KEY: '[redacted]', MY_FLAG: '1' });
  });

  it('removes passwords from URLs', () => {
    assert.equal(
      redactUrlPasswords('https://x-access-token:ghp_abc123@github.com/a/b.git'),
      'https://x-access-token:[redacted]@github.com/a/b.git',
    );
  });

  it('records the same as the Python SDK for the same environment', function () {
    if (!hasPython()) {
      this.skip();
    }

    const env = {
      PATH: '/usr/bin',
      CUDA_VISIBLE_DEVICES: '0',
      HF_TOKEN: 'hf_secret',
      LABBOOK_DB: 'postgres://u:pw@host/db',
      OMP_NUM_THREADS: '4',
      SESSION_MANAGER: 'local/x',
      HOME: '/root',
    };
    const code =
      'import json, sys\nfrom labbook import capture\n' +
      'env = json.loads(sys.argv[1])\n' +
      'print(json.dumps([capture.recorded_environment(env, ["SESSION_*"]), ' +
      'sorted(capture.secret_values(env))]))';
    const done = spawnSync('python3', ['-c', code, JSON.stringify(env)], {
      env: { ...process.env, PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') },
      encoding: 'utf8',
    });
    assert.equal(done.status, 0, done.stderr);
    const [pythonRecorded, pythonSecrets] = JSON.parse(done.stdout) as [unknown, string[]];
    assert.deepEqual(pythonRecorded, recordedEnvironment(env, ['SESSION_*']));
    assert.deepEqual(pythonSecrets, secretValues(env).sort());
  });
});

describe('secret scrubber', () => {
  it('removes a secret that straddles two chunks', () => {
    const scrubber = new SecretScrubber(['hunter2hunter2']);
    const out = Buffer.concat([
      scrubber.write(Buffer.from('token=hunter2')),
      scrubber.write(Buffer.from('hunter2 done\n')),
      scrubber.end(),
    ]).toString();
    assert.equal(out, 'token=[redacted] done\n');
  });

  it('passes output through untouched when there are no secrets', () => {
    const chunk = Buffer.from('plain');
    assert.equal(new SecretScrubber([]).write(chunk), chunk);
  });
});
