import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { STAMP, skipsWebBuild, sourcesHash, webBuildIsFresh } from '../web/scripts/web-sources.mjs';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A repository in miniature: the web app's sources and a build of them. */
function fixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-web-build-'));
  dirs.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('web/src/main.tsx', 'render()');
  write('web/index.html', '<div id="root"></div>');
  write('web/vite.config.ts', 'export default {}');
  write('package-lock.json', '{}');
  write('web/dist/index.html', '<div id="root"></div>');
  const build = () => write(STAMP, `${sourcesHash(root)}\n`);
  return { root, write, build };
}

describe('`npm start` and the web build', () => {
  it('takes a build for fresh only while no source of the web app has changed', () => {
    const { root, write, build } = fixture();
    expect(webBuildIsFresh(root)).toBe(false);
    build();
    expect(webBuildIsFresh(root)).toBe(true);

    write('web/src/main.tsx', 'render(); // edited');
    expect(webBuildIsFresh(root)).toBe(false);
    build();
    write('web/src/pages/NewPage.tsx', 'export {}');
    expect(webBuildIsFresh(root)).toBe(false);
    build();
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(webBuildIsFresh(root)).toBe(false);
    build();
    // What the build writes itself (its output, the favicons it copies) is not a source.
    write('web/dist/assets/index-AbCd1234.js', 'x');
    write('web/public/dsfr/favicon/favicon.svg', '<svg/>');
    expect(webBuildIsFresh(root)).toBe(true);
    // A build whose output went missing is no build.
    fs.rmSync(path.join(root, 'web/dist/index.html'));
    expect(webBuildIsFresh(root)).toBe(false);
  });

  it('finds the build `npm test` just made fresh, so that `npm start` would not build again', () => {
    const check = spawnSync(process.execPath, ['web/scripts/web-sources.mjs'], { encoding: 'utf8' });
    expect(check.status, 'run `npm run build` first').toBe(0);
    // The start script asks before building, and still ends in `exec node` (signals reach the server).
    expect(pkg.scripts.start).toMatch(
      /^\{ node web\/scripts\/web-sources\.mjs \|\| npm run build --silent; \} && exec node /,
    );
  });

  it('serves the build as it is when SKIP_WEB_BUILD says yes, in any of the ways the server reads yes', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'On']) expect(skipsWebBuild(yes), yes).toBe(true);
    for (const no of [undefined, '', 'false', '0', 'No', 'off'])
      expect(skipsWebBuild(no), String(no)).toBe(false);
    expect(skipsWebBuild('peut-être')).toBeUndefined();
    // The script itself: a value it does not know is said, and the build is then checked as usual.
    const odd = spawnSync(process.execPath, ['web/scripts/web-sources.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, SKIP_WEB_BUILD: 'peut-être' },
    });
    expect(odd.stderr).toContain('SKIP_WEB_BUILD=peut-être : valeur non reconnue');
    expect(odd.status).toBe(0);
  });
});
