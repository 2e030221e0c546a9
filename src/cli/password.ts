import { UsageError } from './usage.js';

export const PASSWORD_PROMPT = 'Password (12 characters or more, hard to guess): ';

/**
 * The new admin's password: ADMIN_PASSWORD, else typed at the terminal (nothing echoed), else
 * the first line of standard input (a pipe; nothing written back). Nothing at all is a usage
 * error: the command must not go on, or end as if it had done something.
 */
export async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const password = process.stdin.isTTY ? await typedPassword() : await firstLine(process.stdin);
  if (!password)
    throw new UsageError(
      'admin create: no password given: set ADMIN_PASSWORD, or type it when asked (standard input was empty).',
    );
  return password;
}

/** Read key by key in raw mode, so that the terminal shows nothing of what is typed. */
export function typedPassword(): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let typed = '';
    const done = (password: string) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      resolve(password);
    };
    const onData = (chunk: string) => {
      // An escape sequence (arrow keys, function keys) is not part of a password.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0004') return done(typed); // Ctrl-D: the end of the input
        if (ch === '\u0003') {
          // Ctrl-C: nothing was created yet; 130 as for a shell's command stopped by SIGINT.
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.stderr.write('admin create: interrupted, nothing created.\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
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
    process.stdout.write(PASSWORD_PROMPT);
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
