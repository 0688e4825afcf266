/**
 * A SHA-256 in a list: shown short (its first 12 hex digits), whole on hover and to screen
 * readers, with a button that copies it whole — to paste beside `sha256sum`'s output.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';

const SHOWN = 12;

export function HashValue({ hash }: { hash: string }) {
  const { t } = useTranslation();
  const short = hash.slice(0, SHOWN);
  // Absent outside secure contexts; the whole hash is still in the title and read out.
  const clipboard: Clipboard | undefined = globalThis.navigator?.clipboard;
  const copy = () =>
    clipboard?.writeText(hash).then(
      () => useUi.getState().announce(t('custody.copied')),
      // Refused (no permission): nothing to announce; the hash stays in the title.
      () => undefined,
    );
  return (
    <>
      <code className="hash" title={`sha256:${hash}`}>
        <span aria-hidden="true">sha256:{short}…</span>
        <span className="visually-hidden">sha256:{hash}</span>
      </code>
      {clipboard ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => void copy()}>
            {t('custody.copyHash', { hash: short })}
          </button>
        </>
      ) : null}
    </>
  );
}
