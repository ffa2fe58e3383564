/**
 * The field problem of a PUT that moves a running call's charter to another
 * day (409 date_changed): the office side knows it by this and asks to recall.
 * Outside shared/api, which the office bundle takes types from only.
 */
export const DAY_CHANGES =
  'changes the day: cancel the running call and call crew for the new date';
