import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';

import { HEARTBEAT_TIMEOUT_SECONDS, ownerIsGone } from '../../../src/runlog/liveness';

const NOW = 1_800_000_000_000;

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid as number;
}

describe('the liveness of a run owner', () => {
  it('is alive on this host while its process exists and the heartbeat is fresh', () => {
    const sighting = { host: 'here', pid: process.pid, heartbeatMs: NOW - 5_000, startedAt: 0 };
    assert.equal(ownerIsGone(sighting, NOW, 'here'), false);
  });

  it('is gone on this host when no process has its pid', () => {
    const sighting = { host: 'here', pid: deadPid(), heartbeatMs: NOW - 5_000, startedAt: 0 };
    assert.equal(ownerIsGone(sighting, NOW, 'here'), true);
  });

  it('is gone anywhere when the heartbeat is older than the timeout', () => {
    const stale = NOW - (HEARTBEAT_TIMEOUT_SECONDS + 1) * 1000;
    assert.equal(
      ownerIsGone(
        { host: 'here', pid: process.pid, heartbeatMs: stale, startedAt: 0 },
        NOW,
        'here',
      ),
      true,
    );
    assert.equal(
      ownerIsGone({ host: 'there', pid: 1, heartbeatMs: stale, startedAt: 0 }, NOW, 'here'),
      true,
    );
  });

  it('trusts a fresh heartbeat from another host without checking pids', () => {
    const sighting = { host: 'there', pid: deadPid(), heartbeatMs: NOW - 1_000, startedAt: 0 };
    assert.equal(ownerIsGone(sighting, NOW, 'here'), false);
  });

  it('uses the start time while there is no heartbeat file yet', () => {
    const fresh = { host: 'there', pid: 1, heartbeatMs: null, startedAt: NOW / 1000 - 10 };
    const old = { ...fresh, startedAt: NOW / 1000 - 1_000 };
    assert.equal(ownerIsGone(fresh, NOW, 'here'), false);
    assert.equal(ownerIsGone(old, NOW, 'here'), true);
  });
});
