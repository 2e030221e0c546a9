// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, so
// that the server sends them as they are (@fastify/static's preCompressed) instead of
// compressing on each request or not at all. Brotli at its best quality: done once per build.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats only: fonts (woff, woff2) and images other than SVG are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/**
 * The DSFR's thousand icons are small SVGs, fetched only when a page shows them: below 1 KB a
 * compressed copy saves too little to be worth a file each. Scripts and styles are all compressed.
 */
const minBytes = (/** @type {string} */ file) => (file.endsWith('.svg') ? 1024 : 0);

/** @param {string} dir @returns {string[]} */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * @param {string} dir the build's output folder
 * @returns {Promise<{ files: number, bytes: number, brotliBytes: number }>}
 */
export async function compressAssets(dir) {
  const todo = files(dir).filter((f) => COMPRESSIBLE.test(f) && statSync(f).size >= minBytes(f));
  let bytes = 0;
  let brotliBytes = 0;
  // A few at a time: brotli 11 is CPU-bound and the machine may be shared.
  const queue = [...todo];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const data = readFileSync(file);
      const [br, gzipped] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gz(data, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // A copy no smaller than the original would only cost disk and a header.
      if (br.length < data.length) writeFileSync(`${file}.br`, br);
      if (gzipped.length < data.length) writeFileSync(`${file}.gz`, gzipped);
      bytes += data.length;
      brotliBytes += Math.min(br.length, data.length);
    }
  };
  await Promise.all([worker(), worker()]);
  return { files: todo.length, bytes, brotliBytes };
}
