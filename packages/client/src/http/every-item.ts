/**
 * Every item of a cursor-paged list: asks for the first page, then for the page after each
 * `nextCursor`, yielding items as they arrive, until a page has no `nextCursor`.
 *
 * @example yield* everyItem((cursor) => this.page({ ...query, ...(cursor ? { cursor } : {}) }, options));
 */
export async function* everyItem<T>(
  page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    yield* next.data;
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
}
