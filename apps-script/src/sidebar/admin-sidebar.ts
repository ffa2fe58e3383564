/**
 * Crew › Admin sidebar: roster, crew links, dispatch board and settings. The page
 * is AdminSidebar.html, built by scripts/build.mjs from apps-script/sidebar/ (its
 * script bundled in); it calls the sidebarX functions in sidebar-api.ts through
 * google.script.run.
 */
export function openAdminSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(
    HtmlService.createHtmlOutputFromFile('AdminSidebar').setTitle('crewcall'),
  );
}
