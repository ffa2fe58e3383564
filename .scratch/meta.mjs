import { build } from 'esbuild';
const r = await build({ entryPoints: { lambda: 'edge-api/src/adapter/aws-lambda/handler.ts' }, outdir: '/tmp/metaout', outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]', splitting: true, minify: true, bundle: true, platform: 'node', target: 'node20', format: 'esm', metafile: true, write: false,
 banner: { js: "import { createRequire as __crewcallCreateRequire } from 'node:module'; const require = __crewcallCreateRequire(import.meta.url);" } });
const outs = r.metafile.outputs;
for (const [name, o] of Object.entries(outs)) {
  if (name.endsWith('.map')) continue;
  const pkgs = {};
  for (const [inp, v] of Object.entries(o.inputs)) {
    const m = inp.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const k = m ? m[1] : inp.split('/').slice(0, 3).join('/');
    pkgs[k] = (pkgs[k] || 0) + v.bytesInOutput;
  }
  const top = Object.entries(pkgs).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}:${(v/1024).toFixed(0)}K`).join(' ');
  console.log(name, (o.bytes/1024).toFixed(0)+'K', 'entry:', o.entryPoint ?? '', 'imports:', o.imports.filter(i=>!i.external).map(i => (i.kind==='dynamic-import'?'dyn:':'') + i.path.replace('/tmp/metaout/','')).join(','), '\n   ', top);
}
