/**
 * A source's attachments: files added here are hashed (SHA-256) as they are stored and never
 * modified; the hash is shown so it can be checked against the original with `sha256sum`, and
 * each file's own chain of custody says who handed it on, and when.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../shared/domain/source.ts';
import { useData, usePlatform } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { AttachmentCustody } from './AttachmentCustody.tsx';

const MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024;

export function AttachmentsPanel({
  sourceId,
  attachments,
}: {
  sourceId: string;
  attachments: AttachmentRef[];
}) {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const pushUndo = useUi((s) => s.pushUndo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (files: FileList | null) => {
    if (!files) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of Array.from(files)) {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          setError(t('attachments.tooLarge', { name: file.name }));
          continue;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const result = await data.addAttachment(sourceId, {
          name: file.name,
          type: file.type,
          bytes,
        });
        if (result.undo.length > 0)
          pushUndo({ label: 'undo.addAttachment', params: { name: file.name }, ops: result.undo });
      }
    } catch (e) {
      setError(t('attachments.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const save = async (attachment: AttachmentRef) => {
    const bytes = await data.attachmentBytes(attachment.sha256);
    if (!bytes) {
      setError(t('attachments.missing', { name: attachment.name }));
      return;
    }
    await platform.saveFile({
      suggestedName: attachment.name,
      mediaType: attachment.mediaType,
      data: bytes,
    });
  };

  return (
    <section className="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      {attachments.length === 0 ? <p>{t('attachments.none')}</p> : null}
      <ul>
        {attachments.map((a) => (
          <li key={a.sha256}>
            <span dir="auto">{a.name}</span> · {a.mediaType} ·{' '}
            {t('attachments.size', { size: a.size.toLocaleString() })}
            <br />
            <code className="hash" aria-label={t('attachments.hashOf', { name: a.name })}>
              sha256:{a.sha256}
            </code>{' '}
            <button type="button" onClick={() => void save(a)}>
              {t('attachments.save', { name: a.name })}
            </button>
            <AttachmentCustody sourceId={sourceId} sha256={a.sha256} name={a.name} />
          </li>
        ))}
      </ul>
      <label className="file-input">
        {t('attachments.add')}
        <input
          type="file"
          multiple
          disabled={busy}
          onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))}
        />
      </label>
      {busy ? <p role="status">{t('attachments.hashing')}</p> : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
