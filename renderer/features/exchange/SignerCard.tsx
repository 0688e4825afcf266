/**
 * Who signed a bundle, and whether to trust the key: a new teammate (compare the fingerprint in
 * person), a known one, this device, or a key that changed — a loud warning that the person must
 * explicitly confirm before the import is allowed.
 */
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../data/bundleImport.ts';

export function SignerCard({
  signer,
  confirmed,
  onConfirm,
}: {
  signer: ImportPlan['signer'];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className={`signer signer-${signer.status}`} aria-labelledby="signer-title">
      <h3 id="signer-title">{t('bundle.signer.title')}</h3>
      <dl className="facts">
        <dt>{t('bundle.signer.author')}</dt>
        <dd dir="auto">{signer.author || t('history.unknownAuthor')}</dd>
        <dt>{t('bundle.signer.device')}</dt>
        <dd>
          <code>{signer.device}</code>
        </dd>
        <dt>{t('bundle.signer.fingerprint')}</dt>
        <dd>
          <Fingerprint value={signer.fingerprint} label={t('bundle.signer.fingerprint')} />
        </dd>
      </dl>
      {signer.status === 'keyChanged' ? (
        <div className="key-changed">
          <p role="alert">
            <strong>{t('bundle.signer.keyChangedTitle')}</strong>{' '}
            {t('bundle.signer.keyChanged', { device: signer.device })}
          </p>
          {signer.knownFingerprint ? (
            <p>
              {t('bundle.signer.knownFingerprint')}{' '}
              <Fingerprint
                value={signer.knownFingerprint}
                label={t('bundle.signer.knownFingerprint')}
              />
            </p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => onConfirm(e.target.checked)}
            />
            {t('bundle.signer.confirmKey')}
          </label>
        </div>
      ) : (
        <p className="signer-status">{t(`bundle.signer.status.${signer.status}`)}</p>
      )}
    </section>
  );
}

/** A key fingerprint in groups of eight hex digits, left to right in every language. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <code className="fingerprint" dir="ltr" aria-label={label}>
      {value}
    </code>
  );
}
