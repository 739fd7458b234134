/** A field the conflict window compares: its label, and its value as shown. */
export interface ConflictField<R> {
  label: string;
  value: (record: R) => string;
}

/** One line of the conflict window: a field someone else changed, or that the admin edited. */
export interface ConflictRow {
  label: string;
  /** As it was when the admin opened the form (or the list loaded). */
  opened: string;
  /** As it is now. */
  current: string;
  /** What the admin's edit sets, when the edit touches this field. */
  mine: string | undefined;
  /** Both changed it: applying the edit replaces the other change. */
  collides: boolean;
}

/** What the conflict window says: a title, a sentence, the rows and its two choices. */
export interface EditConflict {
  title: string;
  message: string;
  rows: ConflictRow[];
  /** The heading of the "before" column, say "When you opened it". */
  openedHeading: string;
  applyLabel: string;
  discardLabel: string;
}

/**
 * The rows of the conflict window (C1): each field whose value differs now from when the
 * form was opened, and each field the admin's edit sets, in the order of `fields`. `edited`
 * is the opened record with the edit applied; leave it out for a delete.
 *
 * @example conflictRows([{ label: 'Last Name', value: (u) => u.lastName }], opened, current, { ...opened, firstName: 'Augusta' })
 */
export function conflictRows<R>(
  fields: readonly ConflictField<R>[],
  opened: R,
  current: R,
  edited?: R,
): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const { label, value } of fields) {
    const before = value(opened);
    const now = value(current);
    const mine = edited === undefined ? undefined : value(edited);
    const edits = mine !== undefined && mine !== before;
    if (now === before && !edits) continue;
    rows.push({
      label,
      opened: before,
      current: now,
      mine: edits ? mine : undefined,
      collides: edits && now !== before && now !== mine,
    });
  }
  return rows;
}

/**
 * The conflict of an edit form: "<name> changed since you opened it", with the choice to
 * apply the edit to the current version or discard it.
 *
 * @example editConflict('Ada Lovelace', conflictRows(userConflictFields, opened, current, edited))
 */
export function editConflict(name: string, rows: ConflictRow[]): EditConflict {
  return {
    title: `${name} changed since you opened it`,
    message:
      'Someone else saved changes after you opened this form, so your edit was not saved. This is how it differs now:',
    rows,
    openedHeading: 'When you opened it',
    applyLabel: 'Apply my edit to the current version',
    discardLabel: 'Discard my edit',
  };
}

/**
 * The conflict of a delete from a list row: "<name> changed since the list was loaded",
 * with the choice to delete it as it is now or keep it.
 *
 * @example deleteConflict('Ada Lovelace', conflictRows(userConflictFields, row, current))
 */
export function deleteConflict(name: string, rows: ConflictRow[]): EditConflict {
  return {
    title: `${name} changed since the list was loaded`,
    message:
      'Someone else saved changes to it, so nothing was deleted. This is how it differs now:',
    rows,
    openedHeading: 'In the list',
    applyLabel: 'Delete it anyway',
    discardLabel: 'Keep it',
  };
}
