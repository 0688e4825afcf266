import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { lockOnSystemLock } from './systemLock.ts';

describe('lockOnSystemLock', () => {
  it('locks on a screen lock and on sleep, and on nothing else', () => {
    const powerMonitor = new EventEmitter();
    const lockAll = vi.fn();
    lockOnSystemLock(powerMonitor, lockAll);
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('resume');
    powerMonitor.emit('on-battery');
    expect(lockAll).not.toHaveBeenCalled();
    powerMonitor.emit('lock-screen');
    expect(lockAll).toHaveBeenCalledOnce();
    powerMonitor.emit('suspend');
    expect(lockAll).toHaveBeenCalledTimes(2);
  });
});
