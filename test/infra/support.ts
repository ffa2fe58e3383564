import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readSettings } from '../../infra/settings.js';
import { crewcallStacks } from '../../infra/stacks.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const INFRA_DIR = join(ROOT, 'infra');

/** The feature flags `cdk synth` gets from infra/cdk.json, so in-process synth matches the CLI's. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(INFRA_DIR, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * A stand-in for dist/edge-api: the templates do not depend on the bundle's
 * contents, and these tests must not depend on (or race with) `npm run build`.
 */
export function stubLambdaAsset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crewcall-lambda-asset-'));
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(
    join(dir, 'lambda.mjs'),
    'export const handler = async () => ({ statusCode: 204 });\n',
  );
  writeFileSync(join(dir, 'chunks', 'chunk-STUB.mjs'), 'export {};\n');
  return dir;
}

/** Both stacks synthesized in-process, the way infra/app.ts builds them, under `env`. */
export function synthStacks(env: Record<string, string> = {}, asset = stubLambdaAsset()) {
  const settings = readSettings(env);
  const app = new App({ context: cdkJsonContext() });
  const stacks = crewcallStacks(app, settings, asset);
  const assembly = app.synth();
  return {
    settings,
    assembly,
    primary: Template.fromStack(stacks.primary),
    standby: Template.fromStack(stacks.standby),
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Resources of one CloudFormation type, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  const all = template.toJSON().Resources as Resources;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => r.Type === type));
}

/** Flattens an IAM policy document's statements so actions/resources are always arrays. */
export function statementsOf(document: unknown) {
  const doc = document as { Statement: Array<Record<string, unknown>> };
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]);
  return doc.Statement.map((s) => ({
    sid: s.Sid as string | undefined,
    effect: s.Effect as string,
    actions: list(s.Action) as string[],
    resources: list(s.Resource) as unknown[],
  }));
}

/** Renders CloudFormation `Fn::Join` / `Ref` / `Fn::GetAtt` as text for comparisons. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(sep);
  }
  if ('Ref' in v) return `\${${String(v.Ref)}}`;
  if ('Fn::GetAtt' in v) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  return JSON.stringify(value);
}
