/** Column letters of a 0-based column: 0 → "A", 27 → "AB". */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address of a 0-based row and column: (0, 0) → "A1", (4, 27) → "AB5". */
export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** 0-based row and column of a single-cell A1 address: "AB5" → { row: 4, column: 27 }. */
export function cellIndex(address: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`not a cell address: ${address}`);
  let n = 0;
  for (const ch of m[1] as string) n = n * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: n - 1 };
}
