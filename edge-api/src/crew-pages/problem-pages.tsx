import type { LinkProblem } from '../crew-calls/crew-page-model.js';
import { LinkProblemPage, type Office } from './layout.js';

/** The page for a link that leads nowhere useful: not valid (404), or no longer in use (410). */
export function linkProblemPage(office: Office, view: LinkProblem) {
  switch (view.problem) {
    case 'invalid':
      return {
        status: 404 as const,
        page: LinkProblemPage({
          office,
          title: 'This link is not valid',
          message:
            'The link may have been cut short or changed when it was copied. Open it again from the email.',
        }),
      };
    case 'expired':
      return {
        status: 410 as const,
        page: LinkProblemPage({
          office,
          title: 'This link has expired',
          message: 'Links stop working after the charter.',
        }),
      };
    case 'replaced':
      return {
        status: 410 as const,
        page: LinkProblemPage({
          office,
          title: 'This link was replaced',
          message: 'A newer link was sent to you for this charter. Use the most recent email.',
        }),
      };
    case 'withdrawn':
      return {
        status: 410 as const,
        page: LinkProblemPage({
          office,
          title: 'This link was withdrawn',
          message: 'The office stopped this link. Call them if you need a new one.',
        }),
      };
    case 'cancelled':
      return {
        status: 410 as const,
        page: LinkProblemPage({
          office,
          title: 'This charter was cancelled',
          message: `${view.vessel} on ${view.date} will not sail. You don’t need to do anything.`,
        }),
      };
  }
}
