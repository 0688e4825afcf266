/**
 * One attachment's own chain of custody: the entries about that file among its source's. Read
 * only once opened, so a source with many files costs nothing until someone looks.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { custodyFileOf } from '../../../shared/domain/custody.ts';
import { useLive } from '../../app/appContext.ts';
import { CustodyEntryItem } from './CustodyEntryItem.tsx';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';

export function AttachmentCustody({
  sourceId,
  sha256,
  name,
}: {
  sourceId: string;
  sha256: string;
  name: string;
}) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const [open, setOpen] = useState(false);
  const entries = useLive(
    async (d) =>
      open ? (await d.custodyOf(sourceId)).filter((e) => custodyFileOf(e) === sha256) : [],
    [sourceId, sha256, open],
  );
  return (
    <details className="custody" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('custody.ofFile', { name })}</summary>
      {open && entries ? (
        entries.length === 0 ? (
          <p>{t('custody.none')}</p>
        ) : (
          <ol>
            {entries.map((e) => (
              <CustodyEntryItem key={e.id} entry={e} format={format} />
            ))}
          </ol>
        )
      ) : null}
    </details>
  );
}
