// Extra qualifications as people type them, "mate:3, skipper:2": the sidebar's "Also qualified
// as" field and the CLI's `--also`. Pure, so the office bundle and the CLI share one rule.
import type { Qualification } from '../api/index.js';

/**
 * The qualifications typed as `role:level, ...` (blank: none). A level that is no number
 * passes through as NaN for the edge API to name (`also_qualified.N.cascade_level`), as
 * the CLI does; only an entry that is not `role:level` at all is refused here.
 */
export function readAlsoQualified(
  text: string,
): { qualifications: Qualification[] } | { problem: string } {
  if (text.trim() === '') return { qualifications: [] };
  const qualifications: Qualification[] = [];
  for (const [i, entry] of text.split(',').entries()) {
    const match = /^\s*([^:]+?)\s*:\s*(\S+)\s*$/.exec(entry);
    if (!match)
      return {
        problem: `entry ${i + 1} ("${entry.trim()}") must be role:level, e.g. mate:3, skipper:2`,
      };
    qualifications.push({ role: match[1] as string, cascade_level: Number(match[2]) });
  }
  return { qualifications };
}

/** The form's text for a member's qualifications: "mate:3, skipper:2", or blank. */
export function writeAlsoQualified(qualifications: Qualification[] | undefined): string {
  return (qualifications ?? []).map((q) => `${q.role}:${q.cascade_level}`).join(', ');
}
