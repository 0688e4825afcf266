/** District, province, country and coordinates: the same fields on incidents and places. */
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.tsx';

type LocationKey = 'district' | 'province' | 'country' | 'latitude' | 'longitude';

interface Props<D extends Record<LocationKey, string>> {
  draft: D;
  field: <F extends LocationKey>(name: F) => (value: D[F]) => void;
  errorOf: (field: string) => string | undefined;
}

export function LocationFields<D extends Record<LocationKey, string>>({
  draft,
  field,
  errorOf,
}: Props<D>) {
  const { t } = useTranslation();
  const text = (name: 'district' | 'province' | 'country') => (
    <TextField
      label={t(`fieldName.${name}`)}
      value={draft[name]}
      onChange={field(name)}
      error={errorOf(name)}
    />
  );
  const coordinate = (name: 'latitude' | 'longitude') => (
    <TextField
      label={t(`fieldName.${name}`)}
      value={draft[name]}
      onChange={field(name)}
      inputMode="decimal"
      dir="ltr"
      error={errorOf(name)}
    />
  );
  return (
    <>
      {text('district')}
      {text('province')}
      {text('country')}
      {coordinate('latitude')}
      {coordinate('longitude')}
    </>
  );
}
