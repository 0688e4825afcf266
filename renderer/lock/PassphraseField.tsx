/**
 * A passphrase input: hidden as typed, never offered to the browser's password store or autofill
 * (which keep what they save outside the encrypted profile).
 */
import { TextField } from '../components/fields.tsx';

export function PassphraseField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}) {
  return <TextField {...props} type="password" autoComplete="off" required />;
}
