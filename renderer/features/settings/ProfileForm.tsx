/** Who is using this device: the name and role every change is signed with. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileSchema, type Profile } from '../../../shared/domain/profile.ts';
import { PROFILE_ROLES, type ProfileRole } from '../../../shared/domain/vocabulary.ts';
import { SelectField, TextField } from '../../components/fields.tsx';

export function ProfileForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: Profile | null;
  submitLabel: string;
  onSubmit: (profile: Profile) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<ProfileRole>(initial?.role ?? 'researcher');
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = profileSchema.safeParse({ name, role });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'validation.invalid');
      return;
    }
    setError(undefined);
    await onSubmit(parsed.data);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="profile-form" noValidate>
      <TextField label={t('profile.name')} value={name} onChange={setName} error={error} required />
      <SelectField
        label={t('profile.role')}
        value={role}
        options={PROFILE_ROLES.map((r) => ({ value: r, label: t(`vocab.profileRole.${r}`) }))}
        onChange={(v) => setRole(v as ProfileRole)}
      />
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
