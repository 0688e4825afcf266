/** The person using this device, set on first run; every change they make carries their name. */
import { z } from 'zod';
import * as f from './fields.ts';
import { PROFILE_ROLES } from './vocabulary.ts';

export const profileSchema = z.object({
  name: f.shortText.min(1, { error: 'validation.nameRequired' }),
  role: z.enum(PROFILE_ROLES),
});
export type Profile = z.infer<typeof profileSchema>;
