/**
 * One field edited concurrently on two or more devices: every version side by side with who
 * wrote it, where and when, "Keep this version" on each, and for text a merged value written by
 * hand. Resolving writes one change that replaces every version, so it travels in bundles and
 * clears the conflict on every device that receives it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import type { FieldVersion } from '../../../shared/sync/merge.ts';
import { hlcWall } from '../../../shared/sync/hlc.ts';
import { useData } from '../../app/appContext.ts';
import { TextArea } from '../../components/fields.tsx';
import type { ConflictView } from '../../data/exchange.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { describeBundleError } from '../exchange/describeBundleError.ts';
import { ConflictValue } from './ConflictValue.tsx';
import { fieldLabel } from './fieldLabel.ts';
import { isTextConflict } from './formatValue.ts';
import { recordRoute } from './recordRoute.ts';

export function ConflictCard({ conflict }: { conflict: ConflictView }) {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useUi((s) => s.navigate);
  const [merged, setMerged] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const format = useDateTimeFormat();
  const field = fieldLabel(t, conflict.field);
  const record = conflict.label || t('bundle.preview.noLabel');
  const route = recordRoute(conflict.kind, conflict.recordId);
  const headingId = `conflict-${conflict.id}`;

  const resolve = async (value: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await data.exchange.resolveConflict(
        conflict.kind,
        conflict.recordId,
        conflict.field,
        value,
        conflict.versions.map((v) => v.hlc),
      );
      useUi.getState().announce(t('conflicts.resolved', { field, record }));
    } catch (e) {
      setError(describeBundleError(e, t).message);
      setBusy(false);
    }
  };

  const version = (v: FieldVersion, index: number) => {
    const when = hlcWall(v.hlc);
    const author = v.author || t('history.unknownAuthor');
    return (
      <li
        key={v.hlc}
        className="conflict-version"
        role="group"
        aria-label={t('conflicts.versionBy', { author, device: v.device })}
      >
        <ConflictValue value={v.value} />
        <p className="hint">
          {t('history.by', { author, device: v.device })}
          <br />
          <time dateTime={new Date(when).toISOString()}>{format.format(when)}</time>
          {index === 0 ? <> · {t('conflicts.shown')}</> : null}
        </p>
        <button type="button" disabled={busy} onClick={() => void resolve(v.value)}>
          {t('conflicts.keep')}
        </button>
      </li>
    );
  };

  return (
    <article className="conflict" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('conflicts.heading', { field })}{' '}
        <a
          href={routeHash(route)}
          onClick={(e) => {
            e.preventDefault();
            navigate(route);
          }}
          dir="auto"
        >
          {record}
        </a>{' '}
        <span className="kind">({t(`recordKind.${conflict.kind}`)})</span>
      </h2>
      <ol className="conflict-versions">{conflict.versions.map(version)}</ol>
      {isTextConflict(conflict.versions.map((v) => v.value)) ? (
        <form
          className="merged-value"
          onSubmit={(e) => {
            e.preventDefault();
            if (merged.trim() !== '') void resolve(merged);
          }}
        >
          <TextArea
            label={t('conflicts.writeMerged')}
            value={merged}
            onChange={setMerged}
            rows={3}
          />
          <button type="submit" disabled={busy || merged.trim() === ''}>
            {t('conflicts.saveMerged')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </article>
  );
}
