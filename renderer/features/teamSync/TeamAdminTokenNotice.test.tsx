import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeviceNameField } from './DeviceNameField.tsx';
import { TeamAdminTokenNotice } from './TeamAdminTokenNotice.tsx';

const i18n = createInstance();
beforeAll(() =>
  i18n.init({
    lng: 'en',
    interpolation: { escapeValue: false },
    resources: {
      en: {
        translation: {
          teamSyncUi: {
            deviceName: "This device's name",
            deviceNameHint: 'Keep it bland.',
            check: { deviceNameRequired: 'Give this device a name.' },
            teamAdminToken: {
              title: 'Save the team admin token',
              advice: 'Save it in a password manager.',
              label: 'Team admin token',
              copy: 'Copy team admin token',
              saved: 'I have saved it',
            },
          },
        },
      },
    },
  }),
);

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

const TOKEN = `dft_${'k'.repeat(43)}`;

describe('the team admin token notice', () => {
  it('shows the token in a labelled field, with the advice, a named copy button and "saved"', () => {
    const html = render(<TeamAdminTokenNotice token={TOKEN} onSaved={() => {}} />);
    const field = /<label for="([^"]+)">Team admin token<\/label><input id="\1"[^>]*>/.exec(html);
    expect(field?.[0]).toContain(`value="${TOKEN}"`);
    expect(field?.[0]).toContain('readOnly');
    expect(html).toMatch(/role="group" aria-labelledby="[^"]+"/);
    expect(html).toContain('Save it in a password manager.');
    expect(html).toContain('<button type="button">Copy team admin token</button>');
    expect(html).toContain('<button type="button">I have saved it</button>');
    expect(html).toMatch(/<span role="status"[^>]*><\/span>/);
  });
});

describe('the device name field', () => {
  it('labels the input, links its hint, and announces its error', () => {
    const html = render(
      <DeviceNameField
        value="Laptop 3"
        onChange={() => {}}
        error={{ key: 'teamSyncUi.check.deviceNameRequired', params: {} }}
      />,
    );
    const id = /<label for="([^"]+)">This device&#x27;s name<\/label>/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain(`aria-describedby="${id}-error ${id}-hint"`);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Keep it bland.');
    expect(html).toContain('role="alert">Give this device a name.</div>');
  });
});
