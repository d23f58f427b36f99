/**
 * `tiescore --help` and `--version` stay fast because registering the commands loads nothing
 * heavy: every command imports what it works with inside its action (dynamic `import()`). This
 * walks the static value imports (type-only ones are erased) from src/cli/main.ts and fails when
 * they reach a package other than commander, e.g. a command file importing the Neo4j store at
 * its top.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ALLOWED_PACKAGES = new Set(['commander']);

/** The modules a file loads when it is imported: value imports and re-exports, not `import type`. */
function staticValueImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined && clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every package reached from `entry` through static value imports, with one path to it. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticValueImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        if (!existsSync(target)) throw new Error(`${relative('.', file)}: cannot resolve ${specifier}`);
        walk(target, [...path, relative('.', target)]);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!reached.has(name)) reached.set(name, path);
      }
    }
  };
  walk(resolve(entry), [entry]);
  return reached;
}

describe('tiescore start-up', () => {
  it('registers every command without loading any package but commander', () => {
    const heavy = [...packagesReached(join('src', 'cli', 'main.ts'))].filter(([name]) => !ALLOWED_PACKAGES.has(name));
    expect(heavy.map(([name, path]) => `${name} via ${path.join(' → ')}`)).toEqual([]);
  });

  it('counts value imports and re-exports, not type-only or dynamic imports', () => {
    const text = [
      "import type { Driver } from 'neo4j-driver';",
      "import { type Queue } from 'bullmq';",
      "import { z } from 'zod';",
      "import pino, { type Logger } from 'pino';",
      "import 'side-effect';",
      "export { Redis } from 'ioredis';",
      "export type { Express } from 'express';",
      "const later = await import('graphology');",
    ].join('\n');
    expect(staticValueImports('example.ts', text)).toEqual(['zod', 'pino', 'side-effect', 'ioredis']);
  });
});
