import { v7 as uuidv7 } from 'uuid';
import { idFloor } from './workload';

describe('idFloor', () => {
  const moment = Date.parse('2026-05-01T12:00:00.000Z');

  it('sorts before every UUIDv7 of its moment and after', () => {
    for (const msecs of [moment, moment + 1, moment + 86_400_000]) {
      expect(idFloor(moment) < uuidv7({ msecs })).toBe(true);
    }
  });

  it('sorts after every UUIDv7 of an earlier moment', () => {
    expect(idFloor(moment) > uuidv7({ msecs: moment - 1 })).toBe(true);
  });
});
