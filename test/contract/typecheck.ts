// Type-checks parts of the repository in memory, with one file's text replaced,
// using the TypeScript compiler API: nothing is written to the checkout.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The three tsconfigs `npm run typecheck` runs, by the part of the code they check. */
export const PROJECTS = {
  /** edge-api, shared, cli, test */
  root: 'tsconfig.json',
  /** apps-script/src (the Apps Script bundle) */
  office: 'apps-script/tsconfig.json',
  /** apps-script/sidebar (the sidebar page, in the browser) */
  page: 'apps-script/sidebar/tsconfig.json',
} as const;
export type Project = keyof typeof PROJECTS;

export interface CompileError {
  /** Relative to the repository, with forward slashes. */
  file: string;
  line: number;
  message: string;
}

/** Source files read once and shared by every program (keyed by language version and path). */
const sourceFiles = new Map<string, ts.SourceFile>();

/**
 * A program over `roots` (and what they import) with a tsconfig's options. Each
 * check reuses the previous program, so only the replaced file is parsed again.
 */
export class Checker {
  private readonly options: ts.CompilerOptions;
  private readonly roots: string[];
  private previous: ts.Program | undefined;

  constructor(project: Project, roots: string[]) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      resolve(REPO, PROJECTS[project]),
      undefined,
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`cannot read ${PROJECTS[project]}`);
    this.options = parsed.options;
    this.roots = roots.map((r) => resolve(REPO, r));
  }

  /** Errors in the program, with `override` (a repository path and its new text) in place of that file. */
  errors(override?: { file: string; text: string }): CompileError[] {
    const replaced = override ? resolve(REPO, override.file) : undefined;
    const host = ts.createCompilerHost(this.options, true);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, onError) => {
      const path = resolve(name);
      const version = typeof language === 'object' ? language.languageVersion : language;
      if (path === replaced) return ts.createSourceFile(name, override?.text ?? '', language, true);
      const key = `${version}|${path}`;
      let file = sourceFiles.get(key);
      if (!file) {
        file = read(name, language, onError);
        if (file) sourceFiles.set(key, file);
      }
      return file;
    };
    const program = ts.createProgram({
      rootNames: this.roots,
      options: this.options,
      host,
      ...(this.previous ? { oldProgram: this.previous } : {}),
    });
    // The next check starts from the unmodified files: keep only a program without a replacement.
    if (!override) this.previous = program;
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => {
        const file = d.file ? d.file.fileName : '(no file)';
        const line =
          d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        return {
          file: file.startsWith(REPO) ? file.slice(REPO.length + 1).replaceAll('\\', '/') : file,
          line: line + 1,
          message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
        };
      });
  }
}
