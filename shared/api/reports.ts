import type { MonthlyReport } from '../reports/monthly-report.js';

/** GET /api/reports/monthly?month=YYYY-MM: the month's figures and statements. */
export type MonthlyReportAnswer = MonthlyReport;
