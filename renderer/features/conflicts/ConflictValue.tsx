/** One version's value, shown readably (see readableValue). */
import { useTranslation } from 'react-i18next';
import { readableValue } from './formatValue.ts';

export function ConflictValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const readable = readableValue(value);
  switch (readable.type) {
    case 'empty':
      return <p className="conflict-value empty">{t('common.notSet')}</p>;
    case 'text':
      return (
        <p className="conflict-value" dir="auto">
          {readable.text}
        </p>
      );
    case 'list':
      return (
        <ul className="conflict-value">
          {readable.items.map((item, i) => (
            <li key={i} dir="auto">
              {item}
            </li>
          ))}
        </ul>
      );
    case 'json':
      return <pre className="conflict-value">{readable.text}</pre>;
  }
}
