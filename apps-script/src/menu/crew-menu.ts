/** The "Crew" menu: each item names a top-level function of the built script. */
export const MENU_ITEMS: Array<[caption: string, functionName: string] | null> = [
  ['Send crew call for selected charters', 'menuSendCrewCall'],
  ['Preview crew call', 'menuPreviewCrewCall'],
  ['Cancel charter', 'menuCancelCharter'],
  ['Call more crew', 'menuCallMoreCrew'],
  ['Ask one crew member…', 'menuAskOneCrewMember'],
  null,
  ['Sync now', 'menuSyncNow'],
  ['Monthly report…', 'menuMonthlyReport'],
  ['Install triggers', 'menuInstallTriggers'],
  ['Remove triggers', 'menuRemoveTriggers'],
  null,
  ['Admin sidebar', 'menuOpenSidebar'],
  ['Settings…', 'menuSettings'],
];

export function addCrewMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu('Crew');
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
