import { UsageError } from './usage.js';

export const PASSWORD_PROMPT = 'Mot de passe (12 caractères au moins, difficile à deviner) : ';
export const CONFIRMATION_PROMPT = 'Confirmez le mot de passe : ';

/**
 * The new admin's password: ADMIN_PASSWORD, else typed twice at the terminal (nothing echoed),
 * else the first line of standard input (a pipe, a script: read once, nothing written back).
 * Nothing at all is a usage error: the command must not go on, or end as if it had done
 * something. Two different entries at the terminal stop the command before anything is created:
 * a typo hidden by the absent echo would otherwise give an administrator nobody can sign in as.
 */
export async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  let password: string;
  if (process.stdin.isTTY) {
    const [typed = '', confirmation] = await typedPasswords([PASSWORD_PROMPT, CONFIRMATION_PROMPT]);
    password = typed;
    if (password && confirmation !== password)
      throw new UsageError(
        'admin create : les deux mots de passe tapés diffèrent ; aucun compte créé. Relancez la commande et tapez deux fois le même mot de passe.',
      );
  } else password = await firstLine(process.stdin);
  if (!password)
    throw new UsageError(
      'admin create : aucun mot de passe donné : définissez ADMIN_PASSWORD, ou tapez-le quand il est demandé (l’entrée standard était vide).',
    );
  return password;
}

/**
 * One entry per prompt, read key by key in raw mode, so that the terminal shows nothing of what
 * is typed. Raw mode stays on from the first prompt to the last entry: keys typed (or pasted)
 * ahead of the next prompt are neither echoed nor lost. An empty first entry, or Ctrl-D, ends
 * the reading with the entries typed so far.
 */
export function typedPasswords(prompts: readonly string[]): Promise<string[]> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    const entries: string[] = [];
    let typed = '';
    let afterCr = false;
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      resolve(entries);
    };
    /** The entry ended: true when the reading is over. */
    const enter = () => {
      entries.push(typed);
      typed = '';
      if (entries.length === prompts.length || entries[0] === '') return true;
      process.stdout.write(`\n${prompts[entries.length]}`);
      return false;
    };
    const onData = (chunk: string) => {
      // An escape sequence (arrow keys, function keys) is not part of a password.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        // A pasted CRLF ends one entry, not two.
        const cr = afterCr;
        afterCr = ch === '\r';
        if (ch === '\n' && cr) continue;
        if (ch === '\r' || ch === '\n') {
          if (enter()) return done();
        } else if (ch === '\u0004') {
          // Ctrl-D: the end of the input
          entries.push(typed);
          return done();
        } else if (ch === '\u0003') {
          // Ctrl-C: nothing was created yet; 130 as for a shell's command stopped by SIGINT.
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.stderr.write('admin create : interrompu, rien n’a été créé.\n');
          process.exit(130);
        } else if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch === '\u0015')
          typed = ''; // Ctrl-U: the line erased
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
    // Asked only once the terminal echoes nothing: keys typed (or pasted) as soon as the prompt
    // shows must not reach a terminal still echoing them.
    process.stdout.write(prompts[0] ?? '');
  });
}

/** The first line of a stream that is not a terminal (its end of line dropped), '' if none. */
export function firstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      input.off('data', onData).off('end', finish).off('error', reject);
      input.pause();
      resolve(text.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) finish();
    };
    input.setEncoding('utf8');
    input.on('data', onData).once('end', finish).once('error', reject);
    input.resume();
  });
}
