/**
 * The two-letter region codes the runtime's ICU names (Intl.DisplayNames), listed
 * rather than asked for: building a DisplayNames loads ICU's region data, which
 * cost a cold start about 15 ms just to check DEFAULT_PHONE_COUNTRY.
 * test/edge-api/config/region-codes.test.ts keeps the list in step with Intl.
 */
const REGION_CODES =
  'AC AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB ' +
  'BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BU BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CP CQ CR CS CU CV CW CX ' +
  'CY CZ DD DE DG DJ DK DM DO DY DZ EA EC EE EG EH ER ES ET EU ' +
  'EZ FI FJ FK FM FO FR FX GA GB GD GE GF GG GH GI GL GM GN GP ' +
  'GQ GR GS GT GU GW GY HK HM HN HR HT HU HV IC ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML ' +
  'MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NH ' +
  'NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT ' +
  'PW PY QA QO RE RH RO RS RU RW SA SB SC SD SE SG SH SI SJ SK ' +
  'SL SM SN SO SR SS ST SU SV SX SY SZ TA TC TD TF TG TH TJ TK ' +
  'TL TM TN TO TP TR TT TV TW TZ UA UG UK UM UN US UY UZ VA VC ' +
  'VD VE VG VI VN VU WF WS XA XB XK YD YE YT YU ZA ZM ZR ZW ZZ';

let codes: Set<string> | undefined;

/** True for a region code such as US or GB. */
export function isRegionCode(code: string): boolean {
  codes ??= new Set(REGION_CODES.split(' '));
  return codes.has(code);
}
