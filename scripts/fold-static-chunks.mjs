// Folds every chunk a split bundle's entry imports statically into the entry file itself.
// esbuild puts each module that the entry and some dynamic import() both reach in a shared
// chunk of its own, since it does not know that the entry always loads first; a cold admin
// request then loaded ~20 files of the full app, each ~0.14 ms. After folding, a cold start
// loads the entry plus only the chunks of the dynamic imports it triggers.
//
// How: a second esbuild pass over the first pass's output (read from disk with its source
// maps, which esbuild follows back to the real sources), so esbuild does the renaming and
// no names collide. Its entry is the first pass's entry with the statically imported chunks
// bundled in, re-exporting each one's exports under a name of its own. Every other chunk is
// an entry of that pass too, bundled alone with its imports of other chunks kept external;
// its imports of a folded chunk become imports of those names from the entry. That import
// is circular, and safe: a lazy chunk only loads through a dynamic import, which runs after
// the entry has been evaluated.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { build } from 'esbuild';
import { dropMapSources } from './drop-map-sources.mjs';

/** The first pass's .mjs outputs, by absolute path. */
function outputsOf(metafile) {
  return new Map(
    Object.entries(metafile.outputs)
      .filter(([path]) => path.endsWith('.mjs'))
      .map(([path, output]) => [resolve(path), output]),
  );
}

/** Bundle-internal imports of one output: absolute paths and whether they are dynamic. */
function importsOf(output) {
  return output.imports
    .filter((i) => !i.external)
    .map((i) => ({ path: resolve(i.path), dynamic: i.kind === 'dynamic-import' }));
}

/** The entry and every chunk it imports statically, directly or through another such chunk. */
function staticClosure(outputs, entry) {
  const folded = new Set([entry]);
  const todo = [entry];
  while (todo.length > 0) {
    for (const { path, dynamic } of importsOf(outputs.get(todo.pop()))) {
      if (!dynamic && !folded.has(path)) {
        folded.add(path);
        todo.push(path);
      }
    }
  }
  return folded;
}

/** What `file` imports statically from each of its other chunks: absolute path to names. */
function importedNames(file) {
  const code = readFileSync(file, 'utf8');
  const names = new Map();
  for (const i of parse(code)[0].filter((i) => i.d === -1 && i.n?.startsWith('.'))) {
    const statement = code.slice(i.ss, i.se);
    // esbuild imports across its chunks by name only: `import{a as b,c}from"..."` or `import"..."`.
    const clause = /^import\s*(?:\{([^}]*)\}\s*from\s*)?["']/.exec(statement);
    if (!clause) throw new Error(`${file}: an import not by name: ${statement}`);
    const target = resolve(dirname(file), i.n);
    const list = names.get(target) ?? [];
    for (const spec of (clause[1] ?? '').split(',').filter((s) => s.trim()))
      list.push(spec.trim().split(/\s+as\s+/)[0]);
    names.set(target, list);
  }
  return names;
}

const relativeImport = (fromDir, to) => {
  const path = relative(fromDir, to).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

/**
 * Rewrites the split bundle of `metafile` (first pass, staged elsewhere) into `outdir`: its
 * entry `entry` (a path in the metafile) with its static chunks folded in, and its other
 * chunks under the same names as before. `options` are the first pass's build options.
 */
export async function foldStaticChunks({ metafile, entry, outdir, options }) {
  const outputs = outputsOf(metafile);
  const entryPath = resolve(entry);
  const staged = dirname(entryPath);
  const folded = staticClosure(outputs, entryPath);
  const lazy = [...outputs.keys()].filter((path) => !folded.has(path));
  for (const path of outputs.keys()) {
    for (const i of importsOf(outputs.get(path))) {
      if (i.dynamic && folded.has(i.path))
        throw new Error(`${path}: a dynamic import of ${i.path}, which is folded into the entry`);
    }
  }

  const entryOut = join(outdir, basename(entryPath));
  const outOf = (path) => (folded.has(path) ? entryOut : join(outdir, relative(staged, path)));
  // Each folded chunk's export gets a short name of its own ($0, $1, ...): every lazy chunk
  // spells the ones it imports, so long names would add up to tens of KiB.
  const aliases = new Map();
  for (const path of folded) {
    for (const name of path === entryPath ? [] : outputs.get(path).exports)
      aliases.set(`${path}#${name}`, `$${aliases.size.toString(36)}`);
  }
  if (outputs.get(entryPath).exports.some((name) => name.startsWith('$')))
    throw new Error(`${entryPath}: an export named $..., which the folded chunks' aliases use`);
  const alias = (path, name) => (path === entryPath ? name : aliases.get(`${path}#${name}`));
  const reexports = (path, as) =>
    outputs
      .get(path)
      .exports.map((name) => (as(name) === name ? name : `${name} as ${as(name)}`))
      .join(', ');

  // The entry: its own exports, and every folded chunk's under their aliases.
  const entryModule = [...folded]
    .map(
      (path) =>
        `export { ${reexports(path, (name) => alias(path, name))} } from ${JSON.stringify(path)};`,
    )
    .join('\n');
  // What a lazy chunk imports from a folded one: the same names, from the entry (only those
  // it imports: esbuild keeps every name a module re-exports from an external one). An import
  // of no names needs nothing: the entry has run.
  await init;
  const lazyImports = new Map(lazy.map((path) => [path, importedNames(path)]));
  const shimOf = ({ importer, target, entryImport }) => {
    const names = lazyImports.get(importer).get(target);
    if (names.length === 0) return '';
    const list = names.map((name) => `${alias(target, name)} as ${name}`).join(', ');
    return `export { ${list} } from ${JSON.stringify(entryImport)};`;
  };

  const fold = {
    name: 'fold-static-chunks',
    setup(b) {
      b.onResolve({ filter: /^fold:entry$/ }, () => ({ path: 'entry', namespace: 'fold-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'fold-entry' }, () => ({
        contents: entryModule,
        resolveDir: staged,
      }));
      b.onResolve({ filter: /.*/, namespace: 'fold-shim' }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onLoad({ filter: /.*/, namespace: 'fold-shim' }, (args) => ({
        contents: shimOf(args.pluginData),
      }));
      b.onResolve({ filter: /\.mjs$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (!outputs.has(target)) return undefined;
        if (args.kind === 'entry-point') return { path: target };
        const inEntry = args.namespace === 'fold-entry' || folded.has(args.importer);
        const fromDir = dirname(inEntry ? entryOut : outOf(args.importer));
        if (!folded.has(target))
          return { path: relativeImport(fromDir, outOf(target)), external: true };
        if (inEntry) return { path: target };
        const entryImport = relativeImport(fromDir, entryOut);
        return {
          path: `${entryImport}#${target}#${args.importer}`,
          namespace: 'fold-shim',
          pluginData: { importer: args.importer, target, entryImport },
        };
      });
    },
  };

  const { platform, target, format, minify, sourcemap, logLevel, outExtension } = options;
  const result = await build({
    ...{ platform, target, format, minify, sourcemap, logLevel, outExtension },
    bundle: true,
    entryPoints: {
      [basename(entryPath, '.mjs')]: 'fold:entry',
      ...Object.fromEntries(
        lazy.map((path) => [relative(staged, path).replace(/\.mjs$/, ''), path]),
      ),
    },
    outdir,
    plugins: [fold],
    metafile: true,
  });
  // The maps name only real sources: not the virtual modules above, nor a staged file.
  for (const map of Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.map'))) {
    dropMapSources(map, (source) => {
      const path = resolve(dirname(map), source);
      return /^fold-(entry|shim):/.test(source) || !relative(staged, path).startsWith('..');
    });
  }
}
