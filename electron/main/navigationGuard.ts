/**
 * What a page may do to leave the app: nothing. Navigations and redirects must stay inside
 * `daftar://app/`; new windows are always denied, and a link the contract allows (https) is
 * handed to the system browser instead; `<webview>` never attaches. Pure handlers,
 * wired to every WebContents by the composition root.
 */
import { isAllowedExternalUrl } from '../../shared/ipc/contract.ts';
import { APP_HOST, APP_SCHEME } from './appProtocol.ts';

/** Whether `url` is a page of the app itself (`daftar://app/…`, no credentials, no port). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

/** `will-navigate` / `will-redirect` listener: blocks every target outside the app. */
export function guardNavigation(event: NavigationEventLike): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** `will-attach-webview` listener: the app has no use for `<webview>`. */
export function refuseWebview(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/** `setWindowOpenHandler` callback: always deny; open allowed external links in the OS browser. */
export function createWindowOpenHandler(
  openExternal: (url: string) => Promise<void>,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch(() => undefined);
    }
    return { action: 'deny' };
  };
}
