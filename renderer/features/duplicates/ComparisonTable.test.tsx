import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { comparisonRows } from './comparison.ts';
import { ComparisonTable } from './ComparisonTable.tsx';

const i18n = createInstance();
beforeAll(() =>
  i18n.init({
    lng: 'en',
    interpolation: { escapeValue: false },
    resources: {
      en: {
        translation: {
          common: { notSet: '— not set —' },
          fieldName: { title: 'Title', tags: 'Tags' },
          duplicates: {
            tableCaption: 'Incident A and incident B, field by field',
            field: 'Field',
            differs: '(differs)',
            bothKept: 'Both kept',
            keepValue: 'Keep {{side}}’s value for {{field}}',
          },
        },
      },
    },
  }),
);

describe('the side-by-side table', () => {
  it('names each choice, marks differences in words and highlights the kept value', () => {
    const a = { ...emptyIncident('2024-05-14'), title: 'Explosion in Kabul', tags: ['drone'] };
    const b = { ...a, title: 'Blast near Kabul airport', tags: ['mosque'] };
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <ComparisonTable
          rows={comparisonRows(a, b)}
          picks={{ title: 'b' }}
          titles={{ a: a.title, b: b.title }}
          onPick={() => {}}
        />
      </I18nextProvider>,
    );
    expect(html).toContain('<caption');
    expect(html).toContain('aria-label="Keep A’s value for Title"');
    expect(html).toContain('aria-label="Keep B’s value for Title"');
    expect(html).toMatch(
      /<td class="kept"><label class="keep-choice"><input type="radio" aria-label="Keep B’s value for Title"[^>]*checked=""/,
    );
    expect(html).toContain('Title<span class="differs-mark">');
    expect(html).toContain('(differs)');
    // Tags are kept from both: marked as different, but nothing to choose.
    expect(html).toContain('Both kept');
    expect(html).not.toContain('value for Tags');
    // One radio pair per chosen field that differs: the title alone.
    expect(html.match(/type="radio"/g)).toHaveLength(2);
  });
});
