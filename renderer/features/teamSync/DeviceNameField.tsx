/**
 * "This device's name", as the hub and the teammates will see it: the one field the set-up and
 * join forms share, with its advice to keep the name bland.
 */
import { useTranslation } from 'react-i18next';
import type { Message } from './syncStatusText.ts';
import { TeamField } from './TeamField.tsx';

export function DeviceNameField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: Message | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TeamField
      label={t('teamSyncUi.deviceName')}
      value={value}
      onChange={onChange}
      error={error}
      hint={t('teamSyncUi.deviceNameHint')}
    />
  );
}
