// Builds everything the project ships or runs: the Lambda bundle, the local
// stack, the benchmarks, and the Apps Script project that clasp pushes.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';
import { build } from 'esbuild';
import { foldStaticChunks } from './fold-static-chunks.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};
const requireShim = {
  // Some AWS SDK dependencies are CommonJS and call require(); give ESM bundles one.
  js: "import { createRequire as __crewcallCreateRequire } from 'node:module'; const require = __crewcallCreateRequire(import.meta.url);",
};

rmSync('dist', { recursive: true, force: true });

// The Lambda handler: everything bundled (AWS SDK included; see README), minified,
// split so that what a first request does not need loads only when a request needs it.
const lambda = {
  ...common,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  minify: true,
  // The SDK's ES modules (dist-es) rather than its CommonJS bundles: esbuild drops what is
  // unused, and the credential providers Lambda never needs stay in chunks of their own.
  mainFields: ['module', 'main'],
  banner: requireShim,
};

// The Lambda is three bundles, each split on its own: the entry (dist/edge-api/lambda.mjs:
// the configuration and which bundle an event goes to), the crew page
// (dist/edge-api/crew-page/crew-page.mjs) and the full Hono app
// (dist/edge-api/full-app/full-app.mjs), which the entry imports on the first event that
// needs one. Built as one, esbuild puts every module two of them share in a chunk of its own
// (it does not know which loads first), and a crew page loaded ~30 files. Apart, each holds
// its own copy of what it uses, the AWS SDK included: only plain data may cross from the
// entry to them (see adapter/aws-lambda/handler.ts).
const LAMBDA_DIR = 'edge-api/src/adapter/aws-lambda';
const apart = {
  './crew-page.js': './crew-page/crew-page.mjs',
  './full-app.js': './full-app/full-app.mjs',
};
const bundlesApart = {
  name: 'bundles-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/(crew-page|full-app)\.js$/ }, (args) =>
      args.importer.endsWith(`${LAMBDA_DIR}/handler.ts`)
        ? { path: apart[args.path], external: true }
        : undefined,
    );
  },
};

// The crew page and the full app are split into dist/split first, then each has the chunks
// its entry imports statically folded into its entry file (see fold-static-chunks.mjs). The
// bench's floors are built the same way, so that the distance from them is crewcall's own.
async function splitThenFold(name, source, outdir, extra = {}) {
  const staged = `dist/split/${name}`;
  const { metafile } = await build({
    ...lambda,
    ...extra,
    entryPoints: { [name]: source },
    outdir: staged,
    metafile: true,
  });
  await foldStaticChunks({ metafile, entry: `${staged}/${name}.mjs`, outdir, options: lambda });
}

await Promise.all([
  build({
    ...lambda,
    entryPoints: { lambda: `${LAMBDA_DIR}/handler.ts` },
    outdir: 'dist/edge-api',
    plugins: [bundlesApart],
  }),
  splitThenFold('crew-page', `${LAMBDA_DIR}/crew-page.ts`, 'dist/edge-api/crew-page'),
  // Hono's Headers, Request and Response, in the full app only: light ones, because the first
  // use of Node's own loads all of undici (see light-fetch/index.ts).
  splitThenFold('full-app', `${LAMBDA_DIR}/full-app.ts`, 'dist/edge-api/full-app', {
    inject: [`${LAMBDA_DIR}/light-fetch/index.ts`],
  }),
  // The cold-start bench's floor (one GetItem with the bare client) and that floor under
  // Hono, each bundled on its own the same way as the Lambda.
  splitThenFold('floor', 'bench/floor/handler.ts', 'dist/bench/floor'),
  splitThenFold('hono-floor', 'bench/floor/hono-handler.ts', 'dist/bench/hono-floor'),
  // The floor plus one fixed cost (a fetch Request/Response, the first Intl formats).
  splitThenFold(
    'fixed-cost-floor',
    'bench/floor/fixed-cost-handler.ts',
    'dist/bench/fixed-cost-floor',
  ),
  // Local tools run from this checkout: keep node_modules external.
  build({
    ...common,
    entryPoints: {
      'local/start': 'edge-api/src/local/start.ts',
      'bench/run': 'bench/run.ts',
      'cli/crewcall': 'cli/src/main.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  }),
]);

rmSync('dist/split', { recursive: true });

// The paths are relative to lambda.mjs: the handler's code must be in it, not in a chunk.
const entryText = readFileSync('dist/edge-api/lambda.mjs', 'utf8');
for (const path of Object.values(apart)) {
  if (!entryText.includes(`"${path}"`))
    throw new Error(`dist/edge-api/lambda.mjs: the import of ${path} is missing`);
}

// The Apps Script project clasp pushes (rootDir in .clasp.json): one classic script.
// Apps Script only sees top-level function declarations, so each entry point of
// the bundle gets one that forwards to it.
mkdirSync('dist/apps-script', { recursive: true });
const bundle = await build({
  entryPoints: ['apps-script/src/main.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'crewcall',
  platform: 'neutral',
  target: 'es2020',
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const probe = new vm.Script(`${code}; Object.keys(crewcall.entryPoints)`);
const names = probe.runInNewContext({});
const forwarders = names.map(
  (name) => `function ${name}(...args) {\n  return crewcall.entryPoints.${name}(...args);\n}`,
);
writeFileSync(
  'dist/apps-script/Code.js',
  `// Built by scripts/build.mjs from apps-script/src; do not edit.\n${code}\n${forwarders.join('\n')}\n`,
);
copyFileSync('appsscript.json', 'dist/apps-script/appsscript.json');

// The admin sidebar (HtmlService.createHtmlOutputFromFile('AdminSidebar')): its page
// script bundled for the browser and inlined, with its CSS, into one .html file.
const sidebarScript = await build({
  entryPoints: ['apps-script/sidebar/admin-sidebar.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
});
// Nothing inlined may end its element early: "</script" becomes "<\/script" (the same text
// in a JS string, template or regex), "<!--" becomes "<\x21--", and "</style" "<\/style".
const inlineScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\x21--');
const inlineStyle = (css) => css.replace(/<\/(style)/gi, '<\\/$1');
const sidebarHtml = readFileSync('apps-script/sidebar/admin-sidebar.html', 'utf8')
  // Function replacers: a "$&" in the minified code must stay as it is.
  .replace('/*@@ADMIN_SIDEBAR_CSS@@*/', () =>
    inlineStyle(readFileSync('apps-script/sidebar/admin-sidebar.css', 'utf8')),
  )
  .replace('//@@ADMIN_SIDEBAR_JS@@', () => inlineScript(sidebarScript.outputFiles[0].text));
if (sidebarHtml.includes('@@ADMIN_SIDEBAR_'))
  throw new Error('AdminSidebar.html: a marker was not replaced');
writeFileSync('dist/apps-script/AdminSidebar.html', sidebarHtml);
