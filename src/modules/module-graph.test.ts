import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Modules' use-cases depend on one another in one direction only (docs/architecture.md, "The
// module shape"): a cycle between two modules' services makes their load order, and any change
// to one of them, depend on the other. The HTTP layer (routes, the session guard, schemas) sits
// above every service and may use any module; tests may drive any module.
const HTTP_LAYER = /(^|[-/])(routes|guard|schemas)\.ts$/;
const modulesDir = path.dirname(fileURLToPath(import.meta.url));
const moduleNames = () =>
  fs.readdirSync(modulesDir).filter((name) => fs.statSync(path.join(modulesDir, name)).isDirectory());

/** Where a file's relative imports lead, as [module, file inside it], for imports that leave `dir`. */
function importsOf(dir: string, file: string): [string, string][] {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const found: [string, string][] = [];
  for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
    if (!spec!.startsWith('.')) continue;
    const target = path.resolve(path.dirname(path.join(dir, file)), spec!);
    const rel = path.relative(modulesDir, target).split(path.sep);
    if (rel[0] !== '..' && rel.length > 1) found.push([rel[0]!, rel.slice(1).join('/')]);
  }
  return found;
}

function moduleImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of moduleNames()) {
    const dir = path.join(modulesDir, name);
    const uses = new Set<string>();
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || HTTP_LAYER.test(file)) continue;
      for (const [target] of importsOf(dir, file)) if (target !== name) uses.add(target);
    }
    graph.set(name, uses);
  }
  return graph;
}

/** Every cycle's modules, found by depth-first search from each module. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, trail: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.add([...trail].sort().join(' ↔ '));
      else if (!trail.includes(next)) walk(start, next, [...trail, next]);
    }
  };
  for (const name of graph.keys()) walk(name, name, [name]);
  return [...found].sort();
}

/**
 * Imports of another module's repo, from any file of a module (its tests included): a module
 * reaches another's tables only through that module's service, which keeps their rules.
 */
function repoImports(): string[] {
  const found: string[] = [];
  for (const name of moduleNames()) {
    const dir = path.join(modulesDir, name);
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      for (const [target, targetFile] of importsOf(dir, file)) {
        if (target !== name && /(^|[-/])repo\.js$/.test(targetFile)) {
          found.push(`${name}/${file} → ${target}/${targetFile}`);
        }
      }
    }
  }
  return found.sort();
}

// One capability, one module: a second service, repo or routes file in a folder is a module
// hiding inside another (as stock, hand-out and blocking once were inside `passes`).
const LAYER_FILE = /^(.+)-(service|repo|routes|schemas)\.ts$/;

describe('the modules', () => {
  it('import one another without a cycle', () => {
    const graph = moduleImports();
    expect(graph.get('finance')?.has('passes')).toBe(true);
    // Payments move statements through the statements' service; a statement's paid date is
    // its own (migration 0039): statements know nothing of payments.
    expect(graph.get('payments')?.has('statements')).toBe(true);
    expect(graph.get('statements')?.has('payments')).toBe(false);
    expect(cycles(graph)).toEqual([]);
  });

  it('never import another module’s repo', () => {
    expect(repoImports()).toEqual([]);
  });

  it('are each one capability, shaped alike: one service, repo, routes and schemas file at most', () => {
    const extra = moduleNames().flatMap((name) =>
      fs
        .readdirSync(path.join(modulesDir, name))
        .filter((file) => LAYER_FILE.test(file))
        .map((file) => `${name}/${file}`),
    );
    expect(extra).toEqual([]);
    for (const name of ['passes', 'stock', 'beneficiaries', 'blocking']) {
      expect(fs.existsSync(path.join(modulesDir, name, 'service.ts')), name).toBe(true);
    }
  });
});
