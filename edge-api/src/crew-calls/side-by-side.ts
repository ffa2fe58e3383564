/** How many DynamoDB reads one timer run keeps in flight at once. */
export const READS_AT_ONCE = 8;

/**
 * `read` for every item, `READS_AT_ONCE` at a time, answers in the items' order: a list of
 * calls is read in a round trip or two, not one after another, without opening a connection
 * per item when the list is long.
 */
export async function sideBySide<T, R>(
  items: readonly T[],
  read: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += READS_AT_ONCE) {
    out.push(...(await Promise.all(items.slice(i, i + READS_AT_ONCE).map(read))));
  }
  return out;
}
