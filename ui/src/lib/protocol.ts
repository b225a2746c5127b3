// Helpers for the Protocol screen: element ids from field paths, the published-range check
// as the lead types, and the activities a line may be about.
import type { Activity, NumberRow } from '../bindings';

/** Every activity a phase line may be about, in the protocol's order. */
export const ACTIVITIES: Activity[] = [
  'walking', 'lifting', 'bending', 'sitting', 'driving', 'bathing', 'sleep', 'sex',
  'exercise', 'stairs', 'brace', 'housework', 'nicotine', 'medicine', 'work', 'eating',
];

/** An element id for a field path: `phase[1].lifting_limit_lb` → `phase-1-lifting_limit_lb`. */
export function fieldId(field: string): string {
  return field.replace(/[^a-z0-9_]+/gi, '-').replace(/-+$/, '');
}

/** Whether `value` is outside the row's published range (false when it has none). */
export function outside(row: NumberRow, value: number): boolean {
  if (row.range_min === null && row.range_max === null) return false;
  return (row.range_min !== null && value < row.range_min) || (row.range_max !== null && value > row.range_max);
}
