import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// One audit signing key for the whole run, created by the global setup: the test servers
// and the command lines the tests run (which inherit the environment) seal and verify alike.
process.env.AUDIT_SIGNING_KEY_FILE ||= path.join(os.tmpdir(), `pn-test-audit-key-${process.pid}`, 'key.pem');

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/db/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A poll waits for what a person would wait for (a page loaded, a list refreshed): on a
    // loaded CI machine a new page took more than the default second to show its first data.
    // It ends as soon as the condition holds; speed is the benchmarks' business, not the tests'.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: more workers only fight over them (and over the shared PostgreSQL).
    maxWorkers: 2,
  },
});
