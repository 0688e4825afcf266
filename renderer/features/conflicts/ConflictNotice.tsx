/** Inside a record's editor: which of its fields are in conflict, with a way to resolve them. */
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/domain/records.ts';
import { useLive } from '../../app/appContext.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { fieldLabel } from './fieldLabel.ts';

export function ConflictNotice({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const fields = useLive(
    (d) => d.exchange.conflictsOf(kind, id).then((rows) => rows.map((c) => c.field)),
    [kind, id],
  );
  if (!fields || fields.length === 0) return null;
  return (
    <p className="notice conflict-notice" role="note">
      {t('conflicts.notice', {
        count: fields.length,
        fields: fields.map((f) => fieldLabel(t, f)).join(', '),
      })}{' '}
      <a
        href={routeHash({ view: 'conflicts' })}
        onClick={(e) => {
          e.preventDefault();
          navigate({ view: 'conflicts' });
        }}
      >
        {t('conflicts.resolveLink')}
      </a>
    </p>
  );
}
