/**
 * Reads "seats needed per role" as office staff type it in the Charters tab:
 * "captain 1, mate 1, deckhand 2", "1 captain, 2 deckhands", "Captain: 1; Deckhands: 3".
 * Pure and dependency-free (it runs in Apps Script too).
 */
export function parseNeeds(text: unknown): { needs: Record<string, number> } | { problem: string } {
  if (typeof text !== 'string' || text.trim() === '') {
    return { problem: 'is empty: write the seats per role, like "captain 1, mate 1, deckhand 2"' };
  }
  const needs: Record<string, number> = {};
  for (const part of text
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m =
      part.match(/^(\d{1,2})\s*[x×]?\s*([A-Za-z][A-Za-z -]*?)\s*$/) ??
      part.match(/^([A-Za-z][A-Za-z -]*?)\s*[:=x×]?\s*(\d{1,2})$/);
    if (!m) return { problem: `"${part}" is not a role and a number, like "deckhand 2"` };
    const [count, name] = /^\d/.test(m[1] as string) ? [m[1], m[2]] : [m[2], m[1]];
    const role = singular((name as string).trim().toLowerCase().replace(/\s+/g, ' '));
    needs[role] = (needs[role] ?? 0) + Number(count);
  }
  if (!Object.values(needs).some((n) => n > 0)) return { problem: 'asks for no seats' };
  return { needs };
}

function singular(role: string): string {
  if (role.endsWith('ses')) return role.slice(0, -2);
  return role.endsWith('s') && !role.endsWith('ss') ? role.slice(0, -1) : role;
}
