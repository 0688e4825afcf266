/**
 * Known teammates — each device whose bundles were imported, with the key fingerprint
 * remembered from its first bundle — and this device's own fingerprint, to read out to them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { Fingerprint } from './SignerCard.tsx';

export function TeammatesPanel() {
  const { t } = useTranslation();
  const data = useData();
  const teammates = useLive((d) => d.exchange.teammates(), []);
  const [own, setOwn] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void data.exchange.ownFingerprint().then((value) => {
      if (current) setOwn(value);
    });
    return () => {
      current = false;
    };
  }, [data]);
  const format = useDateTimeFormat();
  return (
    <section className="panel wide" aria-labelledby="teammates-title">
      <h2 id="teammates-title">{t('teammates.title')}</h2>
      <p>
        {t('teammates.own')}{' '}
        {own === null ? (
          t('common.loading')
        ) : (
          <Fingerprint value={own} label={t('teammates.own')} />
        )}
        <br />
        <span className="hint">{t('teammates.ownHint', { device: data.deviceId })}</span>
      </p>
      {teammates === undefined ? (
        <p>{t('common.loading')}</p>
      ) : teammates.length === 0 ? (
        <p>{t('teammates.none')}</p>
      ) : (
        <table className="data-table" aria-label={t('teammates.title')}>
          <thead>
            <tr>
              <th scope="col">{t('teammates.author')}</th>
              <th scope="col">{t('teammates.device')}</th>
              <th scope="col">{t('teammates.fingerprint')}</th>
              <th scope="col">{t('teammates.firstSeen')}</th>
              <th scope="col">{t('teammates.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {teammates.map((mate) => (
              <tr key={mate.device}>
                <td dir="auto">{mate.author || t('history.unknownAuthor')}</td>
                <td>
                  <code>{mate.device}</code>
                </td>
                <td>
                  <code className="fingerprint" dir="ltr">
                    {mate.fingerprint}
                  </code>
                </td>
                <td>{format.format(new Date(mate.firstSeen))}</td>
                <td>{format.format(new Date(mate.lastSeen))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
