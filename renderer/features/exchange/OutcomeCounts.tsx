/** How many records an import adds, changes, puts in conflict or leaves as they were. */
import { useTranslation } from 'react-i18next';
import type { RecordOutcome } from '../../data/bundleImport.ts';

const OUTCOMES: readonly RecordOutcome[] = ['new', 'changed', 'conflicting', 'unchanged'];

export function OutcomeCounts({ counts }: { counts: Record<RecordOutcome, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="outcome-counts">
      {OUTCOMES.map((outcome) => (
        <li key={outcome} className={counts[outcome] > 0 ? `outcome-${outcome}` : undefined}>
          {t(`bundle.count.${outcome}`, { count: counts[outcome] })}
        </li>
      ))}
    </ul>
  );
}
