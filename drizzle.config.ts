import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: migrations are committed SQL, applied by the app at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
