// Checks request bodies, params and queries with zod, turning the first problem into a
// `bad_request` that names the field. Unknown fields are dropped, never stored.
import type { z } from 'zod';
import { HubError } from './errors.ts';

export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new HubError(
    'bad_request',
    `The field "${field}" is not valid: ${issue?.message ?? 'invalid'}.`,
  );
}
