import { createInstance, type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { colourOf, EVENT_TYPE_COLOURS } from '../../map/incidentLayer.ts';
import { resetCalendar, saveCalendar } from '../../i18n/calendar.ts';
import en from '../../i18n/locales/en.json';
import { TimelineChart } from './TimelineChart.tsx';
import { TimelineTable } from './TimelineTable.tsx';
import { timelineOf } from './timelineTestData.ts';

let i18n: I18n;
beforeAll(async () => {
  i18n = createInstance();
  // The real strings plus the few this test reads, so it does not depend on when the timeline's
  // strings are merged into the locale files.
  await i18n.init({
    lng: 'en',
    resources: {
      en: {
        translation: {
          ...en,
          timeline: {
            name: 'Timeline',
            empty: 'Nothing to chart',
            rangeSet: 'Range: {{range}}',
            period: 'Period',
            fatalities: 'Fatalities',
            total: 'Total',
          },
        },
      },
    },
    interpolation: { escapeValue: false },
  });
});
afterEach(() => resetCalendar());

const render = (element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
const noop = () => {};
const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;
const barsOf = (html: string) =>
  count(html, new RegExp(`fill="(${Object.values(EVENT_TYPE_COLOURS).join('|')})"`, 'g'));

describe('TimelineChart', () => {
  it('draws an empty plot of the same size when there are no buckets', () => {
    const html = render(
      <TimelineChart
        data={timelineOf('month', '2024-01-01', 0)}
        range={null}
        onRangeChange={noop}
        colours={colourOf}
      />,
    );
    expect(html).toContain('role="group" aria-label="Timeline"');
    expect(html).toContain('tabindex="0"');
    expect(html).toContain('Nothing to chart');
    expect(html).toContain('height="220"');
    expect(barsOf(html)).toBe(0);
    expect(html).not.toContain('timeline-overlay');
  });

  it('draws one bucket as its stack and a fatality point', () => {
    const data = timelineOf(
      'month',
      '2024-03-01',
      1,
      () => ({ Battles: 3, Protests: 1 }),
      () => 4,
    );
    const html = render(
      <TimelineChart data={data} range={null} onRangeChange={noop} colours={colourOf} />,
    );
    expect(barsOf(html)).toBe(2);
    expect(html).toContain(`fill="${colourOf('Battles')}"`);
    expect(count(html, /<circle/g)).toBe(1);
    expect(html).toContain('>Mar<');
  });

  it('draws 260 weeks with readable ticks and runs left to right even in Dari', async () => {
    const data = timelineOf(
      'week',
      '2020-01-06',
      260,
      (i) => ({ Battles: 1 + (i % 3), Riots: i % 2 }),
      (i) => i % 5,
    );
    await i18n.changeLanguage('en');
    const html = render(
      <TimelineChart data={data} range={null} onRangeChange={noop} colours={colourOf} />,
    );
    expect(barsOf(html)).toBe(260 + 130);
    // At the default 640 px width there is room for at most eight labels.
    expect(count(html, /class="timeline-tick-label"/g)).toBeLessThanOrEqual(8);
    expect(html).toMatch(/class="timeline-plot" dir="ltr"/);
    expect(html).toContain('direction="ltr"');
  });

  it('outlines the applied range and says what it is, in the chosen calendar', async () => {
    await saveCalendar(
      { getSetting: async () => undefined, setSetting: async () => {} },
      'persian',
    );
    const data = timelineOf('month', '2024-01-01', 6, () => ({ Battles: 2 }));
    const range = { from: '2024-03-01', to: '2024-04-30' };
    const html = render(
      <TimelineChart data={data} range={range} onRangeChange={noop} colours={colourOf} />,
    );
    expect(count(html, /class="timeline-applied"/g)).toBe(1);
    expect(count(html, /class="timeline-outside"/g)).toBe(2);
    expect(html).toContain('Range: 11 Hut 1402 – 11 Sawr 1403');
    expect(html).toContain('>Hamal<');
  });
});

describe('TimelineTable', () => {
  it('gives the same numbers as the chart, one row per bucket', () => {
    const data = timelineOf(
      'month',
      '2024-01-01',
      3,
      (i) => ({ Battles: i + 1, Protests: 2 }),
      (i) => i * 10,
    );
    const html = render(
      <TimelineTable
        data={data}
        calendar="gregorian"
        typeName={(type) => `[${type}]`}
        selected={(i) => i === 1}
      />,
    );
    expect(count(html, /<tr/g)).toBe(4);
    expect(html).toContain('<th scope="col">[Protests]</th>');
    expect(html).toContain(
      '<th scope="row">March 2024</th><td class="num">3</td><td class="num">2</td><td class="num">5</td><td class="num">20</td>',
    );
    expect(count(html, /timeline-in-range/g)).toBe(1);
  });

  it('says so when there is nothing to list', () => {
    const html = render(
      <TimelineTable
        data={timelineOf('week', '2024-01-01', 0)}
        calendar="gregorian"
        typeName={String}
        selected={() => false}
      />,
    );
    expect(html).toContain('Nothing to chart');
  });
});
