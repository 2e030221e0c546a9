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

function moduleImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of fs.readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const uses = new Set<string>();
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || HTTP_LAYER.test(file)) continue;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        if (!spec!.startsWith('.')) continue;
        const target = path.resolve(path.dirname(path.join(dir, file)), spec!);
        const rel = path.relative(modulesDir, target).split(path.sep);
        if (rel[0] !== '..' && rel.length > 1 && rel[0] !== name) uses.add(rel[0]!);
      }
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

describe('the modules', () => {
  it('import one another without a cycle', () => {
    const graph = moduleImports();
    expect(graph.get('finance')?.has('passes')).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });
});
