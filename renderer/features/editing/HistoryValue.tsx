/** A value in a history row: long text shortened, with a button to show it whole. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableValue } from '../conflicts/formatValue.ts';
import { shorten, valueText } from './historyText.ts';

/** Characters shown before "Show all": two or three lines of the panel. */
const SHORT_LIMIT = 160;

export function HistoryValue({ value, className }: { value: unknown; className: string }) {
  const { t } = useTranslation();
  const [whole, setWhole] = useState(false);
  const text = valueText(value, t('common.notSet'));
  const short = shorten(text, SHORT_LIMIT);
  const empty = readableValue(value).type === 'empty';
  return (
    <span className={`history-value ${className}${empty ? ' empty' : ''}`} dir="auto">
      {whole ? text : short}
      {short !== text ? (
        <>
          {' '}
          <button
            type="button"
            className="history-more"
            aria-expanded={whole}
            onClick={() => setWhole(!whole)}
          >
            {whole ? t('history.showLess') : t('history.showAll')}
          </button>
        </>
      ) : null}
    </span>
  );
}
