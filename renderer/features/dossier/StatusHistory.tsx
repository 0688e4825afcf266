/**
 * A record's verification history: every status it was given, why, by whom, on which device and
 * when — the record's creation (as a draft) first.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangeStamp } from '../review/ChangeStamp.tsx';
import type { StatusStep } from './dossierModel.ts';

export function StatusHistory({ steps, level }: { steps: StatusStep[]; level: 2 | 4 }) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <section className="dossier-steps" aria-labelledby={id}>
      <Heading id={id}>{t('dossier.statusHistory')}</Heading>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('fieldName.status')}</th>
            <th scope="col">{t('dossier.reason')}</th>
            <th scope="col">{t('dossier.setBy')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.hlc}>
              <td>{t(`vocab.status.${step.status}`)}</td>
              <td dir="auto">{step.reason}</td>
              <td>
                <ChangeStamp change={step} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
