/// <reference types="google-apps-script" />
// HtmlService: outputs, files from the built project (dist/apps-script/<name>.html) and
// templates (<?= escaped ?>, <?!= raw ?>, <? code ?>) evaluated inside the script's vm context.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import {
  asGas,
  type Emulated,
  GasException,
  HarnessError,
  LABEL,
  type Runtime,
} from './runtime.js';
import { blobOf, EmulatedBlob } from './utilities.js';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;

const enumOf = <T>(...names: string[]): T =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as T;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

type OutputMethods =
  | 'addMetaTag'
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'getBlob'
  | 'getContent'
  | 'getHeight'
  | 'getTitle'
  | 'getWidth'
  | 'setContent'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setTitle'
  | 'setWidth'
  | 'setXFrameOptionsMode';

export class EmulatedHtmlOutput implements Emulated, Pick<HtmlOutput, OutputMethods> {
  readonly [LABEL] = 'HtmlService.HtmlOutput';
  _title = '';
  _width = 300;
  _height = 400;
  readonly _meta: { name: string; content: string }[] = [];
  _sandboxMode = 'IFRAME';
  _xFrameOptionsMode = 'DEFAULT';
  constructor(public _content = '') {}

  addMetaTag(name: string, content: string): HtmlOutput {
    this._meta.push({ name, content });
    return asGas(this);
  }
  append(addedContent: string): HtmlOutput {
    this._content += String(addedContent);
    return asGas(this);
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this._content += escapeHtml(addedContent);
    return asGas(this);
  }
  clear(): HtmlOutput {
    this._content = '';
    return asGas(this);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return asGas(new EmulatedBlob(Buffer.from(this._content), 'text/html', this._title || null));
  }
  getContent(): string {
    return this._content;
  }
  getHeight(): number {
    return this._height;
  }
  getTitle(): string {
    return this._title;
  }
  getWidth(): number {
    return this._width;
  }
  setContent(content: string): HtmlOutput {
    this._content = String(content);
    return asGas(this);
  }
  setHeight(height: number): HtmlOutput {
    this._height = height;
    return asGas(this);
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    this._sandboxMode = String(mode);
    return asGas(this);
  }
  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return asGas(this);
  }
  setWidth(width: number): HtmlOutput {
    this._width = width;
    return asGas(this);
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this._xFrameOptionsMode = String(mode);
    return asGas(this);
  }
}

/** Template source to the body of a function that returns the evaluated HTML. */
export function compileTemplate(source: string): string {
  let code = 'var __o = [];\n';
  let rest = source;
  while (rest.length > 0) {
    const start = rest.indexOf('<?');
    if (start < 0) {
      code += `__o.push(${JSON.stringify(rest)});\n`;
      break;
    }
    if (start > 0) code += `__o.push(${JSON.stringify(rest.slice(0, start))});\n`;
    const end = rest.indexOf('?>', start);
    if (end < 0) throw new GasException('Unterminated scriptlet in HTML template');
    const inner = rest.slice(start + 2, end);
    if (inner.startsWith('!=')) code += `__o.push(__raw(${inner.slice(2)}));\n`;
    else if (inner.startsWith('=')) code += `__o.push(__esc(${inner.slice(1)}));\n`;
    else code += `${inner}\n`;
    rest = rest.slice(end + 2);
  }
  return `${code}return __o.join('');`;
}

export class EmulatedHtmlTemplate
  implements Emulated, Pick<HtmlTemplate, 'evaluate' | 'getCode' | 'getRawContent'>
{
  readonly [LABEL] = 'HtmlService.HtmlTemplate';
  constructor(
    private readonly runtime: Runtime,
    private readonly source: string,
  ) {}
  evaluate(): HtmlOutput {
    const context = this.runtime.context as vm.Context | null;
    if (!context) throw new HarnessError('HtmlTemplate.evaluate() outside a run');
    const body = compileTemplate(this.source);
    // Sloppy-mode function in the script's own realm: its globals are visible, `with` gives
    // the template's variables (the properties the script set on the template object).
    const fn = vm.runInContext(
      `(function (__vars, __esc, __raw) { with (__vars) { ${body} } })`,
      context,
      { filename: 'HtmlTemplate' },
    ) as (vars: object, esc: (v: unknown) => string, raw: (v: unknown) => string) => string;
    const vars = Object.assign(Object.create(null), this.runtime.expandoOf(this));
    const html = fn(vars, escapeHtml, (v) => (v === undefined || v === null ? '' : String(v)));
    return asGas(new EmulatedHtmlOutput(html));
  }
  getCode(): string {
    return compileTemplate(this.source);
  }
  getRawContent(): string {
    return this.source;
  }
}

type ServiceMethods =
  | 'SandboxMode'
  | 'XFrameOptionsMode'
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile';

export class EmulatedHtmlService
  implements Emulated, Pick<GoogleAppsScript.HTML.HtmlService, ServiceMethods>
{
  readonly [LABEL] = 'HtmlService';
  readonly SandboxMode = enumOf<typeof GoogleAppsScript.HTML.SandboxMode>(
    'EMULATED',
    'IFRAME',
    'NATIVE',
  );
  readonly XFrameOptionsMode = enumOf<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(
    'ALLOWALL',
    'DEFAULT',
  );
  constructor(
    private readonly runtime: Runtime,
    /** Where the project's .html files are (the directory of the loaded Code.js). */
    private readonly htmlDir: () => string,
  ) {}

  private read(filename: string): string {
    const path = join(this.htmlDir(), `${filename}.html`);
    if (!existsSync(path)) throw new GasException(`No HTML file named ${filename} was found.`);
    return readFileSync(path, 'utf8');
  }
  private text(source: unknown): string {
    if (source === undefined) return '';
    return typeof source === 'string' ? source : blobOf(source).getDataAsString();
  }
  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    return asGas(new EmulatedHtmlOutput(this.text(html)));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return asGas(new EmulatedHtmlOutput(this.read(filename)));
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): HtmlTemplate {
    return asGas(new EmulatedHtmlTemplate(this.runtime, this.text(html)));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return asGas(new EmulatedHtmlTemplate(this.runtime, this.read(filename)));
  }
}
