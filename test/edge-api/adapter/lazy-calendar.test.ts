import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A crew page's cold start must not load the calendar library the feed needs: the Lambda
// bundle (npm run build) splits them, and the crew pages' chunk never imports the feed's.
// Both are routes of the full app's bundle; the Lambda's own crew page bundle holds none of it.
const CHUNKS = 'dist/edge-api/full-app/chunks';
const CREW_PAGE_BUNDLE = 'dist/edge-api/crew-page';
const ICAL_GENERATOR_MARK = 'X-PUBLISHED-TTL'; // a string only ical-generator's code holds

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(CHUNKS, file), 'utf8');
    for (const [, dep] of text.matchAll(/from\s*"\.\/([^"]+\.mjs)"/g)) walk(dep as string);
  };
  walk(entry);
  return seen;
}

const chunkHolding = (text: string) =>
  readdirSync(CHUNKS).filter(
    (f) => f.endsWith('.mjs') && readFileSync(join(CHUNKS, f), 'utf8').includes(text),
  );

describe('the Lambda bundle', () => {
  it('loads ical-generator for /cal/ only, not for crew pages', () => {
    expect(existsSync(CHUNKS), 'run npm run build first').toBe(true);
    const [crewPages] = chunkHolding('Open this charter');
    const [feed] = chunkHolding('This calendar link is not valid');
    expect(crewPages).toBeDefined();
    expect(feed).toBeDefined();
    const withIcal = new Set(chunkHolding(ICAL_GENERATOR_MARK));
    expect(withIcal.size).toBeGreaterThan(0);
    expect([...staticGraph(crewPages as string)].filter((f) => withIcal.has(f))).toEqual([]);
    expect([...staticGraph(feed as string)].some((f) => withIcal.has(f))).toBe(true);
    const crewPageFiles = readdirSync(CREW_PAGE_BUNDLE, { recursive: true, encoding: 'utf8' });
    const crewPageCode = crewPageFiles
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(CREW_PAGE_BUNDLE, f), 'utf8'));
    expect(crewPageCode.some((text) => text.includes('Open this charter'))).toBe(true);
    expect(crewPageCode.filter((text) => text.includes(ICAL_GENERATOR_MARK))).toEqual([]);
  });
});
