/** The way from an incident to its printable dossier. */
import { useTranslation } from 'react-i18next';
import { routeHash, type Route } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';

export function DossierLink({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const route: Route = { view: 'dossier', id: incidentId };
  return (
    <p className="dossier-link">
      <a
        href={routeHash(route)}
        onClick={(e) => {
          e.preventDefault();
          navigate(route);
        }}
      >
        {t('dossier.open')}
      </a>
    </p>
  );
}
