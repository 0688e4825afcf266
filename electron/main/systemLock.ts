/**
 * Daftar locks when the computer is left: when the OS locks the screen (macOS, Windows; Electron
 * reports no screen lock on Linux) or the machine goes to sleep, main sends the `lock` menu
 * command to every window, exactly as if the user had chosen File → Lock Daftar. The page then
 * drops its keys and shows the lock screen (renderer/lock/).
 */

/** The system events that lock Daftar. */
export const SYSTEM_LOCK_EVENTS = ['lock-screen', 'suspend'] as const;
export type SystemLockEvent = (typeof SYSTEM_LOCK_EVENTS)[number];

/** The part of Electron's `powerMonitor` used here. */
export interface PowerMonitorLike {
  on(event: SystemLockEvent, listener: () => void): unknown;
}

/** Calls `lockAll` on each of SYSTEM_LOCK_EVENTS from `powerMonitor`. */
export function lockOnSystemLock(powerMonitor: PowerMonitorLike, lockAll: () => void): void {
  for (const event of SYSTEM_LOCK_EVENTS) powerMonitor.on(event, lockAll);
}
