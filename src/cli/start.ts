import fs from 'node:fs';
import { describeFailure } from '../cli-errors.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import type { App } from '../http/app.js';
import { demoKeyFile, interruptedDemo, seedDemo } from './demo.js';
import { say } from './usage.js';

/** Beyond this, a stop that hangs ends the process anyway. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The platform's modules, loaded while the database starts (a restart after a crash waits
 * for the old embedded PostgreSQL to stop and a new one to start): a start takes the longer
 * of the two, not their sum.
 */
const loadPlatform = () =>
  Promise.all([
    import('../server.js'),
    import('../demo/seed.js'),
    import('../modules/auth/service.js'),
    import('../http/logging.js'),
  ]).then(([server, demo, auth, logging]) => ({
    buildServer: server.buildServer,
    hasData: demo.hasData,
    DEMO_ACCOUNTS: demo.DEMO_ACCOUNTS,
    DEMO_PASSWORD: demo.DEMO_PASSWORD,
    hasAccount: auth.hasAccount,
    loggerOptions: logging.loggerOptions,
  }));

export async function start() {
  const config = loadConfig();
  const loading = loadPlatform();
  // Awaited once the database runs; a database that fails to start is the error to report.
  loading.catch(() => {});
  const database = await openDatabase(config, say, 'take-over', {
    migrate: true,
    fresh: interruptedDemo(config),
  });
  let app: App | undefined;
  let demoHere = false;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} reçu : arrêt en cours…`);
    // Whatever hangs, the process ends; an embedded server left behind is taken over by
    // the next start.
    setTimeout(() => {
      process.stderr.write('L’arrêt prend trop de temps : le processus s’arrête quand même.\n');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    let code = 0;
    for (const step of [() => app?.close(), () => database.shutdown()]) {
      try {
        await step();
      } catch (err) {
        process.stderr.write(`${describeFailure(err)}\n`);
        code = 1;
      }
    }
    process.exit(code);
  };
  // From the moment the database runs: a signal during the first start's demo load stops it too.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let platform: Awaited<typeof loading> | undefined;
  try {
    platform = await loading;
    const { buildServer, hasData, DEMO_ACCOUNTS, hasAccount, loggerOptions } = platform;
    if (config.loadDemo && !(await hasData(database.db))) {
      say('Chargement des données de démonstration (premier démarrage)…');
      await seedDemo(database.db, config);
    }
    // Loaded now or at an earlier start; not in a database restored from a backup, say.
    demoHere = config.loadDemo && (await hasAccount(database.db, DEMO_ACCOUNTS[0]!.email));
    app = await buildServer(
      { db: database.db, config },
      // Through the same stream as the banner, so that the banner comes out last.
      loggerOptions(config.logLevel, process.stdout),
    );
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // Stopped by a signal halfway (the demo load): the stop ends the process, not this failure.
    if (stopping) return;
    // A start that fails leaves nothing running behind it, the database included.
    await app?.close().catch(() => {});
    await database.shutdown().catch(() => {});
    throw err;
  }
  // Last, so that it is what one sees on the terminal.
  say(
    `\nPass numérique fonctionne sur ${config.publicUrl}  (documentation de l’API : ${config.publicUrl}/api/docs)`,
  );
  if (demoHere && platform) {
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = platform;
    say(`\nComptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») :`);
    for (const a of DEMO_ACCOUNTS) say(`  ${a.email.padEnd(36)} ${a.role.padEnd(17)} ${a.who}`);
    if (fs.existsSync(demoKeyFile(config))) {
      const key = fs.readFileSync(demoKeyFile(config), 'utf8').trim();
      say(`\nClé d’API de démonstration de la Médiathèque Louis Aragon (lieu) :\n  ${key}`);
      say(`  curl -H "Authorization: Bearer ${key}" ${config.publicUrl}/api/v1/passes/<code>`);
    }
  }
}
