// Its own small module: crew-records imports it eagerly, and crew-input (zod, libphonenumber)
// stays lazily loaded by the routes.

/**
 * Where an extra qualification repeats the primary role or an earlier entry:
 * one problem per repeat, named by its index. Pure; the roster also runs it on
 * a patched record, whose primary role may come from the stored one.
 */
export function qualificationProblems(
  role: string | undefined,
  also: ReadonlyArray<{ role: string }> | undefined,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  (also ?? []).forEach((q, i) => {
    const field = `also_qualified.${i}.role`;
    const earlier = (also ?? []).findIndex((o) => o.role === q.role);
    if (role !== undefined && q.role === role) {
      problems.push({ field, message: `is already this crew member's role ("${role}")` });
    } else if (earlier < i) {
      problems.push({
        field,
        message: `"${q.role}" is listed twice (also at also_qualified.${earlier})`,
      });
    }
  });
  return problems;
}
