/**
 * The sources of an incident, each saying which of the incident's fields it supports — the
 * field-level provenance reviewers check. Linking, unlinking and changing support are undoable.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORTABLE_FIELDS, type SupportableField } from '../../../shared/domain/vocabulary.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';

const PICKER_LIMIT = 500;

export function LinkedSources({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const pushUndo = useUi((s) => s.pushUndo);
  const navigate = useUi((s) => s.navigate);
  const links = useLive((d) => d.linksOfIncident(incidentId), [incidentId]);
  const linkedSources = useLive(
    async (d) =>
      links
        ? d.getMany(
            'source',
            links.map((l) => l.sourceId),
          )
        : [],
    [links],
  );
  const candidates = useLive(async (d) => {
    const ids = (await d.sourceIds('updated', 'desc')).slice(0, PICKER_LIMIT);
    return (await d.getMany('source', ids)).filter((s) => s !== undefined);
  }, []);
  const [choice, setChoice] = useState('');
  const pickerId = useId();
  const linked = new Set(links?.map((l) => l.sourceId));
  const available = (candidates ?? []).filter((s) => !linked.has(s.id));

  // Writes run one after another, in the order they were asked for, so two quick clicks cannot
  // be stored in the opposite order; the status line says when they are all stored, or why not.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [failure, setFailure] = useState('');
  const run = (label: string, write: () => ReturnType<typeof data.link>) => {
    pending.current += 1;
    // A failure stays on screen until the writes queued after it have finished.
    setStatus((now) => (now === 'failed' && pending.current > 1 ? now : 'saving'));
    queue.current = queue.current.then(async () => {
      try {
        const result = await write();
        if (result.undo.length > 0) pushUndo({ label, ops: result.undo });
        pending.current -= 1;
        if (pending.current === 0) setStatus((now) => (now === 'failed' ? now : 'saved'));
      } catch (error) {
        pending.current -= 1;
        setFailure(error instanceof Error ? error.message : String(error));
        setStatus('failed');
      }
    });
  };

  return (
    <section className="linked-sources" aria-labelledby="linked-sources-title">
      <h2 id="linked-sources-title">{t('links.title')}</h2>
      {links && links.length === 0 ? <p>{t('links.none')}</p> : null}
      {links?.map((link, index) => {
        const source = linkedSources?.[index];
        const title = source?.title ?? t('links.missingSource');
        return (
          <fieldset key={link.id} className="link">
            <legend>{title}</legend>
            <SupportChoices
              key={link.supports.join()}
              label={t('links.supportsFor', { title })}
              supports={link.supports}
              onChange={(supports) =>
                run('undo.changeSupport', () =>
                  data.link(incidentId, link.sourceId, supports, link.note),
                )
              }
            />
            <div className="row">
              <button type="button" onClick={() => navigate({ view: 'source', id: link.sourceId })}>
                {t('links.open', { title })}
              </button>
              <button
                type="button"
                onClick={() => run('undo.unlink', () => data.unlink(incidentId, link.sourceId))}
              >
                {t('links.unlink', { title })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="row link-picker">
        <div className="cell">
          <label htmlFor={pickerId}>{t('links.choose')}</label>
          <select id={pickerId} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('links.choosePlaceholder')}</option>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={choice === ''}
          onClick={() => {
            const sourceId = choice;
            setChoice('');
            run('undo.link', () => data.link(incidentId, sourceId, []));
          }}
        >
          {t('links.link')}
        </button>
      </div>
      <p className={`save-status save-status-${status}`} role="status" aria-live="polite">
        {status === 'idle' ? '' : t(`links.${status}`, { reason: failure })}
      </p>
    </section>
  );
}

/**
 * The fields one source supports. Checked state is local first, so a click shows at once; the
 * parent keys it by the stored value, so it starts afresh when that changes (undo, other window).
 */
function SupportChoices({
  label,
  supports,
  onChange,
}: {
  label: string;
  supports: SupportableField[];
  onChange: (supports: SupportableField[]) => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(supports);
  const toggle = (field: SupportableField, on: boolean) => {
    const next = SUPPORTABLE_FIELDS.filter((f) => (f === field ? on : checked.includes(f)));
    setChecked(next);
    onChange(next);
  };
  return (
    <div className="supports" role="group" aria-label={label}>
      {SUPPORTABLE_FIELDS.map((field) => (
        <label key={field} className="checkbox">
          <input
            type="checkbox"
            checked={checked.includes(field)}
            onChange={(e) => toggle(field, e.target.checked)}
          />
          {t(`vocab.supports.${field}`)}
        </label>
      ))}
    </div>
  );
}
