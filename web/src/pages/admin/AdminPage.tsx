import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CreateFunderForm } from './CreateFunderForm';
import { FunderList } from './FunderList';

/** Platform administration: the funders hosted on this instance, and onboarding a new one. */
export function AdminPage() {
  useDocumentTitle('Administration de la plateforme');
  return (
    <>
      <h1>Administration de la plateforme</h1>
      <FunderList />
      <CreateFunderForm />
    </>
  );
}
