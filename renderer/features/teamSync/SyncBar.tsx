/**
 * One slim sync bar at the foot of the window (the top bar is full), at a fixed height so
 * nothing moves as it changes: the status as a live region (screen readers hear changes), which
 * opens the team page; during a run a progress bar and "Cancel sync", otherwise the bar's "sync
 * now" button. The hub's bar and the folder's are both this.
 */
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import type { StatusText } from './syncStatusText.ts';
import './teamSync.css';

export interface SyncBarProps {
  /** The bar's accessible name. */
  label: string;
  /** Read before the status by screen readers only (the hub's bar), or shown (the folder's). */
  prefix: { text: string; visible: boolean };
  status: SyncStatus;
  text: StatusText;
  progressLabel: string;
  syncLabel: string;
  onOpen: () => void;
  onSync: () => void;
  onCancel: () => void;
}

export function SyncBar(props: SyncBarProps) {
  const { t } = useTranslation();
  const { text } = props;
  const message = text.reason
    ? t(text.key, { message: t(text.reason.key, text.reason.params) })
    : t(text.key, text.params);
  const shown = props.prefix.visible ? `${props.prefix.text} ${message}` : message;
  return (
    <footer className="sync-indicator" data-tone={text.tone} aria-label={props.label}>
      <a
        href="#/team"
        className="sync-state"
        onClick={(e) => {
          e.preventDefault();
          props.onOpen();
        }}
      >
        {props.prefix.visible ? null : (
          <span className="visually-hidden">{props.prefix.text} </span>
        )}
        <span className="sync-dot" aria-hidden="true" />
        <span role="status" aria-live="polite" className="sync-text" title={shown}>
          {shown}
        </span>
      </a>
      {props.status.kind === 'syncing' ? (
        <>
          <progress
            className="sync-progress"
            aria-label={props.progressLabel}
            {...(text.fraction !== undefined ? { value: text.fraction, max: 1 } : {})}
          />
          <button type="button" onClick={props.onCancel}>
            {t('teamSync.status.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={props.onSync}>
          {props.syncLabel}
        </button>
      )}
    </footer>
  );
}
