/**
 * Items kept in id order, whatever order they arrive in. Ids are time-ordered UUIDv7, so id order
 * is creation order. Events mostly arrive in that order, so an insert is usually an append.
 */
export class SortedById<T extends { id: string }> {
  private readonly items: T[] = [];

  get(id: string): T | undefined {
    const item = this.items[this.firstIndexFrom(id)];
    return item?.id === id ? item : undefined;
  }

  /** Inserts the item, or replaces the one with the same id. */
  set(item: T): void {
    const index = this.firstIndexFrom(item.id);
    if (this.items[index]?.id === item.id) this.items[index] = item;
    else this.items.splice(index, 0, item);
  }

  /** `limit` items at most, those whose id comes after `after` (from the first when unset). */
  page(limit: number, after?: string): T[] {
    const start = after === undefined ? 0 : this.firstIndexFrom(after, { excluding: true });
    return this.items.slice(start, start + limit);
  }

  all(): readonly T[] {
    return this.items;
  }

  /** Binary search: index of the first item whose id is `id` or after it (strictly after when excluding). */
  private firstIndexFrom(id: string, { excluding = false } = {}): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const middleId = this.items[middle]!.id;
      if (middleId < id || (excluding && middleId === id)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
