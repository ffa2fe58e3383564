/// <reference types="google-apps-script" />
// The Advanced Drive service (global `Drive`, Drive API v3; enabled in appsscript.json under
// dependencies.enabledAdvancedServices), over the same files and folders as DriveApp.
// Under the drive.file scope the API sees only what this app created (or a user opened with
// it): any other id answers 404 "File not found", and files.list leaves it out.
// https://developers.google.com/drive/api/guides/about-auth
// https://developers.google.com/apps-script/advanced/drive
import { type DriveStore, type EmulatedFile, EmulatedFolder } from './drive.js';
import { asGas, type Emulated, GasException, HarnessError, LABEL, unwrapGas } from './runtime.js';
import { blobOf, EmulatedBlob } from './utilities.js';

type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type FileList = GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList;
// `get` is left out of the Pick only because its alt=media overload returns a string.
type FilesMethods = 'create' | 'list' | 'update';

const FOLDER = 'application/vnd.google-apps.folder';
const SHEETS = 'application/vnd.google-apps.spreadsheet';
const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];

/** What the emulation needs from the rest of the harness. */
export interface AdvancedDriveHost {
  store: DriveStore;
  /** A new, empty Google Sheets file (one "Sheet1") in `parent`. */
  newSpreadsheet(name: string, parent: EmulatedFolder): EmulatedFile;
  /** Whether the manifest grants the full `drive` scope (then every file is visible). */
  fullDrive(): boolean;
}

type Item = EmulatedFile | EmulatedFolder;

function apiError(method: string, message: string): GasException {
  return new GasException(
    `API call to drive.files.${method} failed with error: ${message}`,
    'GoogleJsonResponseException',
  );
}

export class EmulatedDriveFiles implements Emulated, Pick<FilesCollection, FilesMethods> {
  readonly [LABEL] = 'Drive.Files';
  constructor(private readonly host: AdvancedDriveHost) {}

  private visible(item: Item): boolean {
    return this.host.fullDrive() || this.host.store.appCreated.has(item._id);
  }
  private item(method: string, id: unknown): Item {
    const key = String(id);
    const { store } = this.host;
    if (key === 'root') return store.root;
    const item = store.files.get(key) ?? store.folders.get(key);
    if (!item || !this.visible(item)) throw apiError(method, `File not found: ${key}.`);
    return item;
  }
  private folder(method: string, id: unknown): EmulatedFolder {
    const item = this.item(method, id);
    if (!(item instanceof EmulatedFolder)) {
      throw apiError(method, `The parent ${String(id)} is not a folder.`);
    }
    return item;
  }
  private resource(item: Item, fields: unknown): DriveFile {
    const isFolder = item instanceof EmulatedFolder;
    const all: Record<string, unknown> = {
      kind: 'drive#file',
      id: item._id,
      name: item._name,
      mimeType: isFolder ? FOLDER : item.getMimeType(),
      parents: item._parent ? [item._parent._id] : [],
      trashed: item._trashed,
      webViewLink: item.getUrl(),
    };
    if (!isFolder) all.size = String(item.getSize());
    const wanted = fields === undefined ? DEFAULT_FIELDS : parseFields(String(fields));
    if (wanted.includes('*')) return all as DriveFile;
    return Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]])) as DriveFile;
  }

  create(
    resource: DriveFile,
    mediaData?: GoogleAppsScript.Base.Blob,
    optionalArgs?: Record<string, unknown>,
  ): DriveFile {
    const { store } = this.host;
    const parents = resource?.parents ?? [];
    if (parents.length > 1) throw apiError('create', 'A file can only have one parent folder.');
    const parent = parents[0] === undefined ? store.root : this.folder('create', parents[0]);
    const name = resource?.name ?? 'Untitled';
    let item: Item;
    if (resource?.mimeType === FOLDER) {
      item = store.addFolder(String(name), parent);
    } else if (resource?.mimeType === SHEETS && mediaData === undefined) {
      item = this.host.newSpreadsheet(String(name), parent);
    } else {
      if (mediaData === undefined)
        throw new HarnessError('Drive.Files.create: empty files are not emulated');
      const blob = unwrapGas<EmulatedBlob>(blobOf(mediaData).copyBlob());
      const type = resource?.mimeType ?? blob.getContentType() ?? 'application/octet-stream';
      item = store.addFile(new EmulatedBlob(Buffer.from(blob._data), type, String(name)), parent);
    }
    store.appCreated.add(item._id);
    return this.resource(item, optionalArgs?.fields);
  }

  get(fileId: string, optionalArgs?: Record<string, unknown>): DriveFile {
    if (optionalArgs?.alt === 'media')
      throw new HarnessError('Drive.Files.get alt=media is not emulated');
    return this.resource(this.item('get', fileId), optionalArgs?.fields);
  }

  list(optionalArgs: Record<string, unknown> = {}): FileList {
    const { store } = this.host;
    const test = parseQuery(String(optionalArgs.q ?? ''));
    const items: Item[] = [...store.folders.values(), ...store.files.values()].filter(
      (item) => item !== store.root && this.visible(item) && test(item, store),
    );
    const fields = optionalArgs.fields === undefined ? undefined : String(optionalArgs.fields);
    const inner = fields?.match(/files\(([^)]*)\)/)?.[1];
    return {
      kind: 'drive#fileList',
      incompleteSearch: false,
      files: items.map((item) => this.resource(item, inner)),
    } as FileList;
  }

  update(
    resource: DriveFile,
    fileId: string,
    mediaData?: GoogleAppsScript.Base.Blob | null,
    optionalArgs: Record<string, unknown> = {},
  ): DriveFile {
    const item = this.item('update', fileId);
    if (mediaData) {
      // New content for the same file: its id, and so every link to it, stays.
      // files.update "updates a file's metadata and/or content": https://developers.google.com/drive/api/v3/reference/files/update
      if (item instanceof EmulatedFolder || item._spreadsheet) {
        throw apiError(
          'update',
          'Only a file with content can take new content: not a folder or a Google Sheets file.',
        );
      }
      const blob = unwrapGas<EmulatedBlob>(blobOf(mediaData).copyBlob());
      const type = resource?.mimeType ?? item.getMimeType();
      item._blob = new EmulatedBlob(Buffer.from(blob._data), type, item._name);
      item._updated = this.host.store.runtime.clock.now();
    }
    if (resource?.parents !== undefined) {
      throw apiError(
        'update',
        'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.',
      );
    }
    if (optionalArgs.addParents !== undefined) {
      const to = this.folder('update', optionalArgs.addParents);
      if (item === this.host.store.root) throw apiError('update', 'The root cannot be moved.');
      item._parent = to;
    }
    if (resource?.name !== undefined) item._name = String(resource.name);
    if (resource?.trashed !== undefined) item._trashed = Boolean(resource.trashed);
    return this.resource(item, optionalArgs.fields);
  }
}

type FilesCollection = GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection;

export class EmulatedAdvancedDrive implements Emulated, Pick<GoogleAppsScript.Drive, 'Files'> {
  readonly [LABEL] = 'Drive';
  readonly Files: FilesCollection;
  constructor(host: AdvancedDriveHost) {
    this.Files = asGas<FilesCollection>(new EmulatedDriveFiles(host));
  }
}

/** 'id, name, parents' → ['id', 'name', 'parents']. */
function parseFields(fields: string): string[] {
  return fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

/**
 * The part of Drive's query language the harness understands: terms joined by `and`:
 * `name = '…'`, `mimeType = '…'` / `!=`, `'<id>' in parents` (or 'root'), `trashed = true|false`.
 * https://developers.google.com/drive/api/guides/search-files
 */
function parseQuery(q: string): (item: Item, store: DriveStore) => boolean {
  if (q.trim() === '') return () => true;
  const tests: Array<(item: Item, store: DriveStore) => boolean> = [];
  const literal = "'((?:[^'\\\\]|\\\\.)*)'";
  for (const term of q.split(/\s+and\s+/i)) {
    const t = term.trim();
    let m = new RegExp(`^(name|mimeType)\\s*(=|!=)\\s*${literal}$`).exec(t);
    if (m) {
      const [, field, op, raw = ''] = m;
      const value = raw.replace(/\\(.)/g, '$1');
      tests.push((item) => {
        const actual =
          field === 'name'
            ? item._name
            : item instanceof EmulatedFolder
              ? FOLDER
              : item.getMimeType();
        return op === '=' ? actual === value : actual !== value;
      });
      continue;
    }
    m = new RegExp(`^${literal}\\s+in\\s+parents$`).exec(t);
    if (m) {
      const id = m[1] ?? '';
      tests.push((item, store) => item._parent?._id === (id === 'root' ? store.root._id : id));
      continue;
    }
    m = /^trashed\s*=\s*(true|false)$/.exec(t);
    if (m) {
      const wanted = m[1] === 'true';
      tests.push((item) => item._trashed === wanted);
      continue;
    }
    throw new HarnessError(`Drive.Files.list: query term not emulated: ${t}`);
  }
  return (item, store) => tests.every((test) => test(item, store));
}
