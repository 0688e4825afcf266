/**
 * Which hubs main may connect to for the page: only origins the user allowed in a native
 * question. The page names the hub's address, and a compromised page could otherwise use main to
 * reach any https host; with this gate it reaches only what the user confirmed once. Allowed
 * origins are kept in host settings (the newest MAX_HUB_ORIGINS).
 *
 * No dialog spam, so a compromised page cannot ask about a1.evil, a2.evil… until the user clicks
 * Connect by mistake: one question is open at a time, for all origins — requests to the origin
 * being asked about wait for its one answer, a request to another origin is refused at once (not
 * queued: a queue would let the page line questions up). After the user declines any origin, no
 * question about a new origin is asked for DECLINE_QUIET_MS, and the declined origin itself is
 * refused without asking until the app restarts. Origins already allowed keep working throughout.
 * Every refusal carries `code: 'hub_not_allowed'`, which the renderer relies on.
 */
import type { HostSettingsStore } from './hostSettings.ts';

/** How many allowed hub origins are remembered; the oldest are forgotten first. */
export const MAX_HUB_ORIGINS = 20;

/** After the user declines a hub, how long no question about another new hub is asked. */
export const DECLINE_QUIET_MS = 10 * 60 * 1000;

export interface HubOriginGateDeps {
  settings: HostSettingsStore;
  /** Asks the user whether to connect to `origin`, in a dialog parented to `senderId`'s window. */
  confirm(origin: string, senderId: number): Promise<boolean>;
  maxOrigins?: number;
  /** The clock for DECLINE_QUIET_MS (default Date.now). */
  now?: () => number;
}

export interface HubOriginGate {
  /** Resolves when main may send a request to `url`; throws a message for the user otherwise. */
  check(url: string, senderId: number): Promise<void>;
  /**
   * Forgets every origin allowed or declined, in memory (after a wipe deleted the settings): the
   * next request asks again, and a question open now no longer allows anything when answered.
   */
  forget(): void;
}

/** The origin of a hub URL as the browser normalises it (scheme, host, port when not default). */
export function hubOriginOf(url: string): string | undefined {
  try {
    const { origin, protocol } = new URL(url);
    return (protocol === 'https:' || protocol === 'http:') && origin !== 'null'
      ? origin
      : undefined;
  } catch {
    return undefined;
  }
}

export function createHubOriginGate(deps: HubOriginGateDeps): HubOriginGate {
  const maxOrigins = deps.maxOrigins ?? MAX_HUB_ORIGINS;
  const now = deps.now ?? Date.now;
  let allowed: Promise<string[]> | undefined;
  const declined = new Set<string>();
  /** The one open question, if any. */
  let asking: { origin: string; answer: Promise<void> } | undefined;
  /** When the user last declined a hub. */
  let lastDecline: number | undefined;
  /** Bumped by `forget`: an answer to a question asked before it allows nothing. */
  let generation = 0;

  const loadAllowed = (): Promise<string[]> => {
    allowed ??= deps.settings.load().then(
      // Anything hand-edited into a form the URL parser would change is not an allowed origin.
      (settings) => (settings.hubOrigins ?? []).filter((o) => hubOriginOf(o) === o),
      () => [],
    );
    return allowed;
  };

  const notAllowed = (message: string) =>
    Object.assign(new Error(message), { code: 'hub_not_allowed' as const });
  const refusal = (origin: string) =>
    notAllowed(`You did not allow Daftar to connect to ${origin}.`);

  const ask = async (origin: string, senderId: number): Promise<void> => {
    const askedIn = generation;
    const confirmed = await deps.confirm(origin, senderId);
    if (askedIn !== generation) throw refusal(origin);
    if (!confirmed) {
      declined.add(origin);
      lastDecline = now();
      throw refusal(origin);
    }
    const list = await loadAllowed();
    if (askedIn !== generation) throw refusal(origin);
    const next = [...list.filter((o) => o !== origin), origin].slice(-maxOrigins);
    list.splice(0, list.length, ...next);
    try {
      await deps.settings.update({ hubOrigins: [...next] });
    } catch (error) {
      // Allowed for this run all the same; the user is asked again after a restart.
      console.warn('[daftar] could not remember the allowed hub', error);
    }
  };

  return {
    async check(url, senderId) {
      const origin = hubOriginOf(url);
      if (origin === undefined) throw new Error('Not a hub address.');
      if ((await loadAllowed()).includes(origin)) return;
      if (declined.has(origin)) throw refusal(origin);
      if (asking?.origin === origin) return asking.answer;
      if (asking !== undefined) {
        throw notAllowed(
          `Daftar is already asking whether to connect to another hub; answer that question, then try ${origin} again.`,
        );
      }
      const quietLeft = lastDecline === undefined ? 0 : lastDecline + DECLINE_QUIET_MS - now();
      if (quietLeft > 0) {
        const minutes = Math.ceil(quietLeft / 60_000);
        throw notAllowed(
          `You declined a hub a moment ago, so Daftar will not ask about ${origin} for ${minutes} more minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      const question = {
        origin,
        answer: ask(origin, senderId).finally(() => {
          if (asking === question) asking = undefined;
        }),
      };
      asking = question;
      return question.answer;
    },

    forget() {
      generation += 1;
      allowed = undefined;
      declined.clear();
      lastDecline = undefined;
      // An open question stays the only one until answered (its answer now allows nothing).
    },
  };
}
