/// <reference types="google-apps-script" />
// SpreadsheetApp.getUi(): menus, alerts, prompts and HTML dialogs, all recorded; the user's
// answers to alerts and prompts are scripted by the test (queueAlert / queuePrompt).
import type { EmulatedHtmlOutput } from './html.js';
import { asGas, type Emulated, HarnessError, LABEL, signatureError, unwrapGas } from './runtime.js';

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export type MenuEntry =
  | { caption: string; functionName: string }
  | { separator: true }
  | { subMenu: MenuRecord };

export interface MenuRecord {
  caption: string;
  items: MenuEntry[];
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  response: ButtonName;
}

export interface PromptRecord extends AlertRecord {
  responseText: string;
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width: number;
  height: number;
}

/** What the test sees of the UI; shared by every run of a harness. */
export class UiState {
  readonly menus: MenuRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: PromptRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  private readonly alertAnswers: ButtonName[] = [];
  private readonly promptAnswers: { text: string; button: ButtonName }[] = [];

  /** The button the user clicks on the next alert. */
  queueAlert(button: ButtonName): void {
    this.alertAnswers.push(button);
  }
  /** What the user types, and the button clicked, on the next prompt. */
  queuePrompt(text: string, button: ButtonName = 'OK'): void {
    this.promptAnswers.push({ text, button });
  }
  _nextAlert(buttons: ButtonSetName, prompt: string): ButtonName {
    const answer = this.alertAnswers.shift();
    if (answer) return answer;
    if (buttons === 'OK') return 'OK';
    throw new HarnessError(
      `ui.alert(${JSON.stringify(prompt)}) asks ${buttons}: queueAlert() first`,
    );
  }
  _nextPrompt(prompt: string): { text: string; button: ButtonName } {
    const answer = this.promptAnswers.shift();
    if (!answer)
      throw new HarnessError(`ui.prompt(${JSON.stringify(prompt)}): queuePrompt() first`);
    return answer;
  }
}

const enumOf = <T>(...names: string[]): T =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as T;

type Ui = GoogleAppsScript.Base.Ui;
type UiMethods =
  | 'Button'
  | 'ButtonSet'
  | 'alert'
  | 'createAddonMenu'
  | 'createMenu'
  | 'prompt'
  | 'showModalDialog'
  | 'showModelessDialog'
  | 'showSidebar';

export class EmulatedUi implements Emulated, Pick<Ui, UiMethods> {
  readonly [LABEL] = 'SpreadsheetApp.Ui';
  readonly Button = enumOf<typeof GoogleAppsScript.Base.Button>(
    'CLOSE',
    'OK',
    'CANCEL',
    'YES',
    'NO',
  );
  readonly ButtonSet = enumOf<typeof GoogleAppsScript.Base.ButtonSet>(
    'OK',
    'OK_CANCEL',
    'YES_NO',
    'YES_NO_CANCEL',
  );
  constructor(private readonly state: UiState) {}

  private dialogArgs(args: unknown[]): { title: string; prompt: string; buttons: ButtonSetName } {
    const [a, b, c] = args;
    if (args.length === 3)
      return { title: String(a), prompt: String(b), buttons: c as ButtonSetName };
    if (args.length === 2) return { title: '', prompt: String(a), buttons: b as ButtonSetName };
    return { title: '', prompt: String(a), buttons: 'OK' };
  }

  alert(
    ...args: [string] | [string, unknown] | [string, string, unknown]
  ): GoogleAppsScript.Base.Button {
    const { title, prompt, buttons } = this.dialogArgs(args);
    const response = this.state._nextAlert(buttons, prompt);
    this.state.alerts.push({ title, prompt, buttons, response });
    return response as unknown as GoogleAppsScript.Base.Button;
  }
  createAddonMenu(): GoogleAppsScript.Base.Menu {
    return asGas(new EmulatedMenu(this.state, 'Add-ons'));
  }
  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    return asGas(new EmulatedMenu(this.state, String(caption)));
  }
  prompt(
    ...args: [string] | [string, unknown] | [string, string, unknown]
  ): GoogleAppsScript.Base.PromptResponse {
    const { title, prompt, buttons } = this.dialogArgs(args);
    const answer = this.state._nextPrompt(prompt);
    this.state.prompts.push({
      title,
      prompt,
      buttons,
      response: answer.button,
      responseText: answer.text,
    });
    return asGas(new EmulatedPromptResponse(answer.text, answer.button));
  }
  private show(kind: DialogRecord['kind'], output: unknown, title: string, method: string): void {
    const html = unwrapGas<EmulatedHtmlOutput>(output);
    if (typeof html?._content !== 'string') throw signatureError(`Ui.${method}`, [output, title]);
    this.state.dialogs.push({
      kind,
      title: kind === 'sidebar' ? html._title : title,
      html: html._content,
      width: html._width,
      height: html._height,
    });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modal', userInterface, title, 'showModalDialog');
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modeless', userInterface, title, 'showModelessDialog');
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.show('sidebar', userInterface, '', 'showSidebar');
  }
}

export class EmulatedMenu
  implements
    Emulated,
    Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>
{
  readonly [LABEL] = 'SpreadsheetApp.Menu';
  readonly _record: MenuRecord;
  constructor(
    private readonly state: UiState,
    caption: string,
  ) {
    this._record = { caption, items: [] };
  }
  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this._record.items.push({ caption: String(caption), functionName: String(functionName) });
    return asGas(this);
  }
  addSeparator(): GoogleAppsScript.Base.Menu {
    this._record.items.push({ separator: true });
    return asGas(this);
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    const sub = unwrapGas<EmulatedMenu>(menu);
    if (!(sub instanceof EmulatedMenu)) throw signatureError('Menu.addSubMenu', [menu]);
    this._record.items.push({ subMenu: sub._record });
    return asGas(this);
  }
  addToUi(): void {
    const existing = this.state.menus.findIndex((m) => m.caption === this._record.caption);
    if (existing >= 0) this.state.menus.splice(existing, 1, this._record);
    else this.state.menus.push(this._record);
  }
}

export class EmulatedPromptResponse
  implements
    Emulated,
    Pick<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'>
{
  readonly [LABEL] = 'SpreadsheetApp.PromptResponse';
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    return this.button as unknown as GoogleAppsScript.Base.Button;
  }
}

/** Finds the function a menu item runs: clickMenu('Crew', 'Send call') or a submenu path. */
export function menuFunction(menus: readonly MenuRecord[], path: readonly string[]): string {
  let items: MenuEntry[] | undefined = menus.find((m) => m.caption === path[0])?.items;
  for (const caption of path.slice(1, -1)) {
    const sub = items?.find((i) => 'subMenu' in i && i.subMenu.caption === caption);
    items = sub && 'subMenu' in sub ? sub.subMenu.items : undefined;
  }
  const last = path[path.length - 1];
  const item = items?.find((i) => 'caption' in i && i.caption === last);
  if (!item || !('functionName' in item)) {
    throw new HarnessError(`No menu item ${path.join(' > ')} (menus: ${JSON.stringify(menus)})`);
  }
  return item.functionName;
}
