import { isDeepStrictEqual } from 'node:util';

/** The part of a versioned item (crew member, charter) the comparison reads. */
export interface Versioned {
  version: number;
  updated_at: string;
  [field: string]: unknown;
}

export type Problem =
  /** In the primary, not in the secondary. */
  | 'missing'
  /** The secondary has an older version. */
  | 'behind'
  /** The secondary has a newer version than the primary (a write landed there). */
  | 'ahead'
  /** Same version, different content (two regions wrote the same version). */
  | 'conflict'
  /** In the secondary only. */
  | 'extra';

export interface Difference {
  kind: string;
  id: string;
  problem: Problem;
  primary?: { version: number; updated_at: string };
  secondary?: { version: number; updated_at: string };
  /** Versions the secondary lacks (all of them when missing); negative when ahead. */
  versions_behind?: number;
  /** primary.updated_at − secondary.updated_at; negative when ahead. */
  time_behind_ms?: number;
}

export interface Comparison {
  kind: string;
  primary_count: number;
  secondary_count: number;
  differences: Difference[];
}

const stamp = (item: Versioned) => ({ version: item.version, updated_at: item.updated_at });
const gapMs = (p: Versioned, s: Versioned) => Date.parse(p.updated_at) - Date.parse(s.updated_at);

/** Compares one kind of item between the regions, by id; the result is in the primary's order. */
export function compareItems(
  kind: string,
  primary: ReadonlyMap<string, Versioned>,
  secondary: ReadonlyMap<string, Versioned>,
): Comparison {
  const differences: Difference[] = [];
  for (const [id, p] of primary) {
    const s = secondary.get(id);
    if (!s) {
      differences.push({
        kind,
        id,
        problem: 'missing',
        primary: stamp(p),
        versions_behind: p.version,
      });
      continue;
    }
    if (p.version === s.version && isDeepStrictEqual(p, s)) continue;
    const problem: Problem =
      p.version > s.version ? 'behind' : p.version < s.version ? 'ahead' : 'conflict';
    differences.push({
      kind,
      id,
      problem,
      primary: stamp(p),
      secondary: stamp(s),
      versions_behind: p.version - s.version,
      time_behind_ms: gapMs(p, s),
    });
  }
  for (const [id, s] of secondary) {
    if (!primary.has(id)) differences.push({ kind, id, problem: 'extra', secondary: stamp(s) });
  }
  return {
    kind,
    primary_count: primary.size,
    secondary_count: secondary.size,
    differences,
  };
}
