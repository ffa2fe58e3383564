/// <reference types="google-apps-script" />
// DriveApp: an in-memory tree of folders and files. As in Drive, names are not unique and
// the iterators also return trashed items (check isTrashed()).
import {
  asGas,
  type Emulated,
  GasException,
  LABEL,
  type Runtime,
  signatureError,
  unwrapGas,
} from './runtime.js';
import { blobOf, dataBytes, EmulatedBlob } from './utilities.js';

type GasFile = GoogleAppsScript.Drive.File;
type GasFolder = GoogleAppsScript.Drive.Folder;

const GOOGLE_SHEETS = 'application/vnd.google-apps.spreadsheet';

/** What Drive needs of a spreadsheet kept as a file (an EmulatedSpreadsheet). */
export interface DriveSpreadsheet {
  readonly _id: string;
  _name: string;
  _pdfBlob(): EmulatedBlob;
}

const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';

export class DriveStore {
  readonly folders = new Map<string, EmulatedFolder>();
  readonly files = new Map<string, EmulatedFile>();
  readonly root: EmulatedFolder;
  /** Ids of what the script itself created: all that the drive.file scope lets it see. */
  readonly appCreated = new Set<string>();
  private counter = 0;
  constructor(readonly runtime: Runtime) {
    this.root = this.addFolder('My Drive', null);
  }
  newId(): string {
    this.counter += 1;
    return `1Hx${String(this.counter).padStart(6, '0')}DriveItemEmulatedByHarness`;
  }
  addFolder(name: string, parent: EmulatedFolder | null): EmulatedFolder {
    const folder = new EmulatedFolder(this, this.newId(), name, parent);
    this.folders.set(folder._id, folder);
    return folder;
  }
  addFile(blob: EmulatedBlob, parent: EmulatedFolder): EmulatedFile {
    const file = new EmulatedFile(this, this.newId(), blob, parent);
    this.files.set(file._id, file);
    return file;
  }
  /** Marks an item as created by the script (see appCreated). */
  byScript<T extends { readonly _id: string }>(item: T): T {
    this.appCreated.add(item._id);
    return item;
  }
  /** A spreadsheet as a Drive file: same id, same name. */
  addSpreadsheet(spreadsheet: DriveSpreadsheet, parent: EmulatedFolder): EmulatedFile {
    const blob = new EmulatedBlob(Buffer.alloc(0), GOOGLE_SHEETS, spreadsheet._name);
    const file = new EmulatedFile(this, spreadsheet._id, blob, parent, spreadsheet);
    this.files.set(file._id, file);
    return file;
  }
  /** The folder at a path of names from My Drive ('crewcall/Reports/2026-12'), trashed ones skipped. */
  folderAt(path: string): EmulatedFolder | undefined {
    let folder: EmulatedFolder | undefined = this.root;
    for (const name of path.split('/').filter(Boolean)) {
      folder = this.foldersIn(folder).find((f) => f._name === name && !f._trashed);
      if (!folder) return undefined;
    }
    return folder;
  }
  /**
   * The file a Drive or Sheets link opens for someone it was shared with (an owner reading
   * the report email): the live file of that id. A trashed or deleted file's link opens
   * nothing: "other users can't view files in the owner's trash"
   * (https://developers.google.com/workspace/drive/api/guides/delete).
   */
  openLink(url: string): EmulatedFile {
    const id =
      /\/(?:spreadsheets|document|presentation|file)\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1] ??
      /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1];
    const file = id === undefined ? undefined : this.files.get(id);
    if (!file || file._trashed) {
      throw new Error(`${url} does not open: Sorry, the file you have requested does not exist.`);
    }
    return file;
  }
  /** Every folder directly in `folder` (trashed included, as Drive lists them). */
  foldersIn(folder: EmulatedFolder): EmulatedFolder[] {
    return [...this.folders.values()].filter((f) => f._parent === folder);
  }
  /** Every file directly in `folder` (trashed included, as Drive lists them). */
  filesIn(folder: EmulatedFolder): EmulatedFile[] {
    return [...this.files.values()].filter((f) => f._parent === folder);
  }
}

type IteratorMethods = 'getContinuationToken' | 'hasNext' | 'next';

class EmulatedIterator<T> implements Emulated {
  readonly [LABEL]: string;
  constructor(
    label: string,
    private readonly items: T[],
  ) {
    this[LABEL] = label;
  }
  getContinuationToken(): string {
    return `harness-token-${this.items.length}`;
  }
  hasNext(): boolean {
    return this.items.length > 0;
  }
  next(): T {
    const item = this.items.shift();
    if (item === undefined) {
      throw new GasException('Cannot retrieve the next object: iterator has reached the end.');
    }
    return item;
  }
}

export class EmulatedFileIterator
  extends EmulatedIterator<GasFile>
  implements Pick<GoogleAppsScript.Drive.FileIterator, IteratorMethods>
{
  constructor(files: EmulatedFile[]) {
    super(
      'DriveApp.FileIterator',
      files.map((f) => asGas<GasFile>(f)),
    );
  }
}

export class EmulatedFolderIterator
  extends EmulatedIterator<GasFolder>
  implements Pick<GoogleAppsScript.Drive.FolderIterator, IteratorMethods>
{
  constructor(folders: EmulatedFolder[]) {
    super(
      'DriveApp.FolderIterator',
      folders.map((f) => asGas<GasFolder>(f)),
    );
  }
}

type FileMethods =
  | 'getAs'
  | 'getBlob'
  | 'getDateCreated'
  | 'getId'
  | 'getLastUpdated'
  | 'getMimeType'
  | 'getName'
  | 'getParents'
  | 'getSize'
  | 'getUrl'
  | 'isTrashed'
  | 'moveTo'
  | 'setContent'
  | 'setName'
  | 'setTrashed';

export class EmulatedFile implements Emulated, Pick<GasFile, FileMethods> {
  readonly [LABEL] = 'DriveApp.File';
  _trashed = false;
  readonly _created: Date;
  _updated: Date;
  private ownName: string;
  constructor(
    private readonly store: DriveStore,
    readonly _id: string,
    public _blob: EmulatedBlob,
    public _parent: EmulatedFolder,
    /** Set when the file is a Google Sheets spreadsheet: its name is the spreadsheet's. */
    readonly _spreadsheet: DriveSpreadsheet | null = null,
  ) {
    this.ownName = _blob.getName() ?? 'Untitled';
    this._created = store.runtime.clock.now();
    this._updated = this._created;
  }
  get _name(): string {
    return this._spreadsheet ? this._spreadsheet._name : this.ownName;
  }
  set _name(name: string) {
    if (this._spreadsheet) this._spreadsheet._name = name;
    else this.ownName = name;
  }
  /** Google files download as PDF; other files as they are. */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    if (this._spreadsheet) {
      if (contentType !== 'application/pdf') {
        throw new GasException(
          `Converting from ${GOOGLE_SHEETS} to ${contentType} is not supported.`,
        );
      }
      return asGas(this._spreadsheet._pdfBlob());
    }
    return unwrapGas<EmulatedBlob>(this.getBlob()).getAs(contentType);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    if (this._spreadsheet) return asGas(this._spreadsheet._pdfBlob());
    return asGas(new EmulatedBlob(Buffer.from(this._blob._data), this.getMimeType(), this._name));
  }
  getDateCreated(): GoogleAppsScript.Base.Date {
    return new Date(this._created) as unknown as GoogleAppsScript.Base.Date;
  }
  getId(): string {
    return this._id;
  }
  getLastUpdated(): GoogleAppsScript.Base.Date {
    return new Date(this._updated) as unknown as GoogleAppsScript.Base.Date;
  }
  getMimeType(): string {
    return this._blob.getContentType() ?? 'application/octet-stream';
  }
  getName(): string {
    return this._name;
  }
  getParents(): GoogleAppsScript.Drive.FolderIterator {
    return asGas(new EmulatedFolderIterator([this._parent]));
  }
  getSize(): number {
    return this._blob._data.length;
  }
  getUrl(): string {
    return this._spreadsheet
      ? `https://docs.google.com/spreadsheets/d/${this._id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${this._id}/view?usp=drivesdk`;
  }
  isTrashed(): boolean {
    return this._trashed;
  }
  moveTo(destination: GasFolder): GasFile {
    const folder = unwrapGas<EmulatedFolder>(destination);
    if (!(folder instanceof EmulatedFolder)) throw signatureError('DriveApp.File.moveTo', [folder]);
    this._parent = folder;
    this._updated = this.store.runtime.clock.now();
    return asGas(this);
  }
  setContent(content: string): GasFile {
    if (this._spreadsheet)
      throw new GasException('Cannot set the content of a Google Sheets file.');
    this._blob = new EmulatedBlob(Buffer.from(content), this._blob.getContentType(), this._name);
    this._updated = this.store.runtime.clock.now();
    return asGas(this);
  }
  setName(name: string): GasFile {
    this._name = String(name);
    return asGas(this);
  }
  setTrashed(trashed: boolean): GasFile {
    this._trashed = Boolean(trashed);
    return asGas(this);
  }
}

type FolderMethods =
  | 'createFile'
  | 'createFolder'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getId'
  | 'getName'
  | 'getUrl'
  | 'isTrashed'
  | 'setName'
  | 'setTrashed';

export class EmulatedFolder implements Emulated, Pick<GasFolder, FolderMethods> {
  readonly [LABEL] = 'DriveApp.Folder';
  _trashed = false;
  constructor(
    private readonly store: DriveStore,
    readonly _id: string,
    public _name: string,
    public _parent: EmulatedFolder | null,
  ) {}
  private childFiles(): EmulatedFile[] {
    return [...this.store.files.values()].filter((f) => f._parent === this);
  }
  private childFolders(): EmulatedFolder[] {
    return [...this.store.folders.values()].filter((f) => f._parent === this);
  }
  createFile(
    blobOrName: GoogleAppsScript.Base.BlobSource | string,
    content?: string,
    mimeType?: string,
  ): GasFile {
    if (typeof blobOrName === 'string') {
      if (typeof content !== 'string')
        throw signatureError('DriveApp.Folder.createFile', [blobOrName]);
      const blob = new EmulatedBlob(dataBytes(content), mimeType ?? 'text/plain', blobOrName);
      return asGas(this.store.byScript(this.store.addFile(blob, this)));
    }
    const blob = blobOf(blobOrName);
    const copy = unwrapGas<EmulatedBlob>(blob.copyBlob());
    return asGas(this.store.byScript(this.store.addFile(copy, this)));
  }
  createFolder(name: string): GasFolder {
    return asGas(this.store.byScript(this.store.addFolder(String(name), this)));
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return asGas(new EmulatedFileIterator(this.childFiles()));
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    return asGas(new EmulatedFileIterator(this.childFiles().filter((f) => f._name === name)));
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return asGas(new EmulatedFolderIterator(this.childFolders()));
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    return asGas(new EmulatedFolderIterator(this.childFolders().filter((f) => f._name === name)));
  }
  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this._id}`;
  }
  isTrashed(): boolean {
    return this._trashed;
  }
  setName(name: string): GasFolder {
    this._name = String(name);
    return asGas(this);
  }
  setTrashed(trashed: boolean): GasFolder {
    this._trashed = Boolean(trashed);
    return asGas(this);
  }
}

type DriveMethods =
  | 'createFile'
  | 'createFolder'
  | 'getFileById'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFolderById'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getRootFolder';

export class EmulatedDriveApp
  implements Emulated, Pick<GoogleAppsScript.Drive.DriveApp, DriveMethods>
{
  readonly [LABEL] = 'DriveApp';
  constructor(readonly _store: DriveStore) {}
  createFile(
    blobOrName: GoogleAppsScript.Base.BlobSource | string,
    content?: string,
    mimeType?: string,
  ): GasFile {
    return this._store.root.createFile(blobOrName, content as string, mimeType as string);
  }
  createFolder(name: string): GasFolder {
    return this._store.root.createFolder(name);
  }
  getFileById(id: string): GasFile {
    const file = this._store.files.get(id);
    if (!file) throw new GasException(NOT_FOUND);
    return asGas(file);
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return asGas(new EmulatedFileIterator([...this._store.files.values()]));
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    const files = [...this._store.files.values()].filter((f) => f._name === name);
    return asGas(new EmulatedFileIterator(files));
  }
  getFolderById(id: string): GasFolder {
    const folder = this._store.folders.get(id);
    if (!folder) throw new GasException(NOT_FOUND);
    return asGas(folder);
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    const folders = [...this._store.folders.values()].filter((f) => f !== this._store.root);
    return asGas(new EmulatedFolderIterator(folders));
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    const folders = [...this._store.folders.values()].filter(
      (f) => f !== this._store.root && f._name === name,
    );
    return asGas(new EmulatedFolderIterator(folders));
  }
  getRootFolder(): GasFolder {
    return asGas(this._store.root);
  }
}
