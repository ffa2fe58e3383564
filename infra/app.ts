// The CDK app. `npm run synth` bundles this file to dist/infra/app.mjs and runs
// `cdk synth` from infra/ (cdk.json there: app command, output, feature flags).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { readSettings } from './settings.js';
import { crewcallStacks } from './stacks.js';

const settings = readSettings();
// dist/infra/app.mjs sits next to dist/edge-api, the output of `npm run build`.
const lambdaAssetPath =
  process.env.CREWCALL_LAMBDA_ASSET?.trim() ||
  fileURLToPath(new URL('../edge-api', import.meta.url));
if (!existsSync(join(lambdaAssetPath, 'lambda.mjs'))) {
  throw new Error(`${lambdaAssetPath}/lambda.mjs is missing: run \`npm run build\` first`);
}

const app = new App();
crewcallStacks(app, settings, lambdaAssetPath);
app.synth();
