/**
 * The office's settings the edge API keeps (GET /api/settings, and the answer of PUT):
 * the roles crew may hold and the call-window policy, as the office chose them or, until
 * it does, the defaults (roles) and the CALL_WINDOW_POLICY environment variable.
 */
export interface OfficeSettingsAnswer {
  /** Lower-case role words, in the office's order; the roster refuses any other role. */
  roles: string[];
  /** `LEAD=WINDOW` steps, largest lead first, e.g. `168h=12h,72h=6h,24h=2h,0h=30m`. */
  call_window_policy: string;
  /** True once the office saved settings; false while both are the defaults. */
  stored: boolean;
  /**
   * The office as crew see it (OFFICE_NAME, OFFICE_EMAIL, OFFICE_PHONE; environment, read only):
   * the office side signs its emails with this name unless it has a sender name of its own.
   */
  office: { name: string; email: string; phone: string };
}

/** PUT /api/settings: either or both; a field left out keeps its value. */
export interface OfficeSettingsBody {
  roles?: string[];
  call_window_policy?: string;
}
