import { useDocumentTitle } from '../../../ui/useDocumentTitle';
import { OperatorContact, WithOperator } from './OperatorDetails';

/**
 * /donnees-personnelles: what the platform keeps about whom, for everyone, before any sign-in
 * (RGPD articles 13 and 14). Each funder is the controller of its programmes' data; the notice
 * the desk gives at a hand-out names it, with its contact and its retention period.
 */
export function PersonalDataPage() {
  useDocumentTitle('Données personnelles');
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Cette plateforme sert à gérer des dispositifs de pass numériques : des carnets de pass remis à des
        personnes pour se faire accompagner dans l’usage du numérique, et les lieux qui les acceptent.
      </p>
      <h2>Qui est responsable</h2>
      <p>
        Chaque dispositif est financé par un organisme public (une Région, un Département, une
        intercommunalité…), responsable des données de ce dispositif, qu’il traite pour sa mission d’intérêt
        public d’inclusion numérique. La plateforme les conserve pour son compte.
      </p>
      <h2>Ce qui est enregistré</h2>
      <ul>
        <li>
          Pour une personne qui reçoit un carnet : son nom, son prénom, sa date de naissance, sa commune et le
          public dont elle relève, pour vérifier qu’elle peut recevoir des pass et qu’elle n’en reçoit pas
          deux fois ; puis les séances payées avec ses pass (date, thème, durée, lieu). Les lieux ne voient ni
          son nom ni sa date de naissance.
        </li>
        <li>
          Pour les agents des financeurs, des structures qui remettent les carnets et des lieux : leur nom,
          leur adresse électronique et ce qu’ils font sur la plateforme, gardé dans un journal pour rendre
          compte de l’argent public.
        </li>
      </ul>
      <p>
        L’État et les autres financeurs d’un dispositif ne reçoivent que des chiffres, sans nom. Rien n’est
        vendu ni transmis à des fins commerciales.
      </p>
      <h2>Combien de temps</h2>
      <p>
        Le nom, le prénom et la date de naissance d’une personne sont effacés après la clôture du dernier
        dispositif dont elle a reçu des pass, au terme du délai que fixe son financeur ; sa commune et son
        public restent ensuite, sans nom, pour les statistiques. La notice remise avec le carnet donne ce
        délai.
      </p>
      <h2>Cookies</h2>
      <p>
        Seuls des cookies nécessaires sont déposés : celui qui vous garde connecté, après la connexion, qui
        disparaît à la déconnexion, et, le temps d’une connexion par ProConnect, celui qui la relie à votre
        navigateur (quelques minutes). Aucun cookie de mesure d’audience ni de publicité.
      </p>
      <h2>Vos droits</h2>
      <WithOperator>
        {(operator) => (
          <p>
            Vous pouvez demander à voir vos données, à les faire corriger ou effacer, ou vous opposer à leur
            usage : auprès du financeur de votre dispositif, à l’adresse donnée dans la notice remise avec
            votre carnet, ou auprès de la structure qui vous l’a remis, qui transmet votre demande. Pour la
            plateforme elle-même,{' '}
            <OperatorContact
              operator={operator}
              without="adressez-vous à l’organisme qui gère votre dispositif"
            />
            . Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la
            CNIL (www.cnil.fr).
          </p>
        )}
      </WithOperator>
    </>
  );
}
