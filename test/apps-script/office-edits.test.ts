import { describe, expect, it } from 'vitest';
import { editTimes } from '../../shared/availability/office-edit-times.js';
import { createHarness } from '../apps-script-harness/index.js';
import { decemberTab } from './support/office.js';

// The built script's onEdit: when the office typed each cell of a month tab (issue 15).
const NOW = new Date('2026-12-02T17:00:00Z');
const stored = (h: ReturnType<typeof createHarness>) =>
  Object.fromEntries(h.properties.document._store) as Record<string, string>;

function office() {
  const harness = createHarness({
    now: NOW,
    sheets: { 'December 2026': decemberTab(), Charters: [['Charter ID']] },
  });
  harness.load();
  return harness;
}

describe('onEdit notes when the office typed month-tab cells', () => {
  it('notes every cell of a paste, and nothing for other tabs or for script writes', () => {
    const h = office();
    h.typeInto('December 2026', 'B3:C4', [
      ['N', 'N'],
      ['AM', 'PM'],
    ]);
    h.typeInto('Charters', 'A2', [['CH-1']]);
    const at = editTimes(stored(h));
    for (const [row, column] of [
      [3, 2],
      [3, 3],
      [4, 2],
      [4, 3],
    ] as const)
      expect(at('December 2026', row, column)?.toISOString()).toBe(NOW.toISOString());
    expect(at('December 2026', 5, 2)).toBeUndefined();
    expect(Object.keys(stored(h)).some((k) => k.includes('Charters'))).toBe(false);
    expect(h.executions.at(-1)).toMatchObject({ functionName: 'onEdit', mode: 'simple' });
  });

  it('two edits whose onEdit runs overlap both stay noted', () => {
    const h = office();
    h.clock.set(new Date(NOW.getTime() + 60_000));
    // A second person's edit of the same column runs while the first onEdit is between reading and writing.
    h.during('PropertiesService.Properties.getProperties', 1, () =>
      h.typeInto('December 2026', 'B10', [['N']]),
    );
    h.typeInto('December 2026', 'B9', [['Y']]);
    const at = editTimes(stored(h));
    expect(at('December 2026', 9, 2)).toBeDefined();
    expect(at('December 2026', 10, 2)).toBeDefined();
  });
});
