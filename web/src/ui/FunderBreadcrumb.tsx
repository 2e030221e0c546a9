import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';

interface Props {
  /** the programme, when the page is below it */
  program?: { id: string; name: string };
  current: string;
}

export function FunderBreadcrumb({ program, current }: Props) {
  const segments = [{ label: 'Dispositifs', linkProps: { href: '/financeur' } }];
  if (program) {
    segments.push({
      label: program.name,
      linkProps: { href: `/financeur/programmes/${encodeURIComponent(program.id)}` },
    });
  }
  return (
    <Breadcrumb
      homeLinkProps={{ href: '/' }}
      segments={segments}
      currentPageLabel={current}
      className="fr-mt-0"
    />
  );
}
