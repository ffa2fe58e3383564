import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The data layer owns DynamoDB: its files import only each other, shared/ and npm packages,
// and nothing outside it writes a DynamoDB expression or a table key.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const src = join(root, 'edge-api/src');
const db = join(src, 'db');
const shared = join(root, 'shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports, as written. */
function importsOf(text: string): string[] {
  const found = text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]/g);
  const bare = text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g);
  const dynamic = text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g);
  return [...found, ...bare, ...dynamic].map((m) => m[1] as string);
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}${sep}`);

/** What a data-layer file may import: the data layer, shared code, and packages. */
function importProblem(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = resolve(dirname(file), spec);
  if (inside(target, db) || inside(target, shared)) return undefined;
  return `${relative(root, file)} imports ${spec} (${relative(root, target)})`;
}

/** DynamoDB expression syntax and table keys: only the data layer writes these. */
const DYNAMODB_SYNTAX = [
  /\b(?:Update|Condition|KeyCondition|Filter|Projection)Expression\b/,
  /\bExpressionAttribute(?:Names|Values)\b/,
  /\bExclusiveStartKey\b|\bLastEvaluatedKey\b/,
  /['"`](?:CALL|CHARTER|LINK|CREW|NOTICE|SEATS|LEVEL|PORTAL|IDEMPOTENCY|EMAIL|PHONE|ROLE)#/,
  /\b(?:pk|sk|gsi[12](?:pk|sk)):\s*['"`]/,
  /from\s+['"]@aws-sdk\/(?:lib-dynamodb|client-dynamodb)['"]/,
];
/**
 * Outside the data layer but allowed to use the DynamoDB client: starting DynamoDB
 * Local for `npm start` waits for it to list its tables (no table, key or expression).
 */
const CLIENT_ALLOWED = new Set(['edge-api/src/local/dynamodb-local.ts']);

function syntaxProblems(file: string, text: string): string[] {
  const rel = relative(root, file);
  return DYNAMODB_SYNTAX.filter((pattern) => pattern.test(text))
    .filter((pattern) => !(CLIENT_ALLOWED.has(rel) && String(pattern).includes('@aws-sdk')))
    .map((pattern) => `${rel} matches ${pattern}`);
}

describe('the data layer owns DynamoDB', () => {
  it('edge-api/src/db imports nothing but itself, shared/ and npm packages', () => {
    const files = sourceFiles(db);
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).flatMap((spec) => importProblem(file, spec) ?? []),
    );
    expect(problems).toEqual([]);
  });

  it('no file outside edge-api/src/db writes a DynamoDB expression, a table key or uses the client', () => {
    const files = sourceFiles(src).filter((f) => !inside(f, db));
    expect(files.length).toBeGreaterThan(30);
    const problems = files.flatMap((file) => syntaxProblems(file, readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('would catch a service building its own transaction item, or the data layer importing a service', () => {
    const service = join(src, 'crew-calls/example.ts');
    expect(
      syntaxProblems(service, "const x = { Key: { pk: `CALL#c-1` }, ConditionExpression: 'a' };"),
    ).toHaveLength(3);
    expect(
      importProblem(join(db, 'dispatch-table/calls.ts'), '../../crew-calls/plan-crew-call.js'),
    ).toBe(
      'edge-api/src/db/dispatch-table/calls.ts imports ../../crew-calls/plan-crew-call.js (edge-api/src/crew-calls/plan-crew-call.js)',
    );
    expect(
      importProblem(join(db, 'dispatch-table/calls.ts'), '../../../../shared/money/index.js'),
    ).toBeUndefined();
  });
});
