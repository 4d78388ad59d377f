// Ids: UUIDv7 text that sorts in the order the ids were made, even many in one millisecond (a district's
// units are created in one go, and a backup restores them parents first by reading in id order).
import { describe, expect, it } from 'vitest';
import { newId, UUID_PATTERN } from '../../src/shared/ids.ts';

describe('newId', () => {
  it('makes version-7 UUIDs carrying the time', () => {
    const id = newId(Date.UTC(2026, 2, 3, 1, 0, 0));
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 2, 3, 1, 0, 0));
  });

  it('sorts 2,000 ids made in the same millisecond in the order made', () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 2000 }, () => newId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives an earlier time an id that sorts earlier', () => {
    const later = newId(Date.now() + 20_000);
    const earlier = newId(Date.now() - 60_000);
    expect(earlier < later).toBe(true);
  });
});
