/** When a change was made, by whom and on which device: the stamp every audit line carries. */
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { hlcWall } from '../../../shared/sync/hlc.ts';

export function ChangeStamp({ change }: { change: Pick<ChangeSet, 'hlc' | 'author' | 'device'> }) {
  const { t } = useTranslation();
  const at = hlcWall(change.hlc);
  const format = useDateTimeFormat();
  return (
    <span className="change-stamp">
      <time dateTime={new Date(at).toISOString()}>{format.format(at)}</time>{' '}
      <bdi>
        {t('history.by', {
          author: change.author || t('history.unknownAuthor'),
          device: change.device,
        })}
      </bdi>
    </span>
  );
}
