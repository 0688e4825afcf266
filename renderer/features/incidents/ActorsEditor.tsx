/** The incident's actors with their roles (actor 1, actor 2, associated, claimed by, denied by). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentActor } from '../../../shared/domain/incident.ts';
import { normaliseName } from '../../../shared/util/normaliseName.ts';
import { ACTOR_ROLES, type ActorRole } from '../../../shared/domain/vocabulary.ts';
import type { StoredRecord } from '../../../shared/domain/records.ts';

interface Props {
  actors: IncidentActor[];
  known: StoredRecord<'actor'>[];
  onChange: (actors: IncidentActor[]) => void;
  errorOf: (field: string) => string | undefined;
}

/** The known actor a typed name refers to, by its name or any alias, in any script form. */
export function matchActor(name: string, known: StoredRecord<'actor'>[]): string | null {
  const wanted = normaliseName(name);
  if (wanted === '') return null;
  const hit = known.find((a) => [a.name, ...a.aliases].some((n) => normaliseName(n) === wanted));
  return hit?.id ?? null;
}

export function ActorsEditor({ actors, known, onChange, errorOf }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const set = (index: number, patch: Partial<IncidentActor>) =>
    onChange(actors.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <fieldset className="actors">
      <legend>{t('incident.actors')}</legend>
      <datalist id={listId}>
        {known
          .flatMap((a) => [a.name, ...a.aliases])
          .map((n) => (
            <option key={n} value={n} />
          ))}
      </datalist>
      {actors.map((actor, index) => {
        const error = errorOf(`actors.${index}.name`);
        const nameId = `${listId}-name-${index}`;
        const roleId = `${listId}-role-${index}`;
        return (
          <div className="row" key={index}>
            <div className="cell">
              <label htmlFor={nameId}>{t('incident.actorName', { n: index + 1 })}</label>
              <input
                id={nameId}
                value={actor.name}
                list={listId}
                dir="auto"
                aria-invalid={Boolean(error)}
                onChange={(e) =>
                  set(index, { name: e.target.value, actorId: matchActor(e.target.value, known) })
                }
              />
            </div>
            <div className="cell">
              <label htmlFor={roleId}>{t('incident.actorRole', { n: index + 1 })}</label>
              <select
                id={roleId}
                value={actor.role}
                onChange={(e) => set(index, { role: e.target.value as ActorRole })}
              >
                {ACTOR_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`vocab.role.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" onClick={() => onChange(actors.filter((_, i) => i !== index))}>
              {t('incident.removeActor', { n: index + 1 })}
            </button>
            {actor.actorId !== null ? (
              <div className="field-hint">
                {t('incident.knownActor', {
                  name: known.find((a) => a.id === actor.actorId)?.name ?? actor.name,
                })}
              </div>
            ) : null}
            {error ? (
              <div className="field-error" role="alert">
                {t(error)}
              </div>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          onChange([
            ...actors,
            { name: '', role: actors.length === 0 ? 'actor1' : 'actor2', actorId: null },
          ])
        }
      >
        {t('incident.addActor')}
      </button>
    </fieldset>
  );
}
