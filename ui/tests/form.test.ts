import { describe, expect, it, vi } from 'vitest';
import type { CaseForm, Catalog, Plan, Preview } from '../src/bindings';
import {
  addDays,
  addLine,
  editLanguage,
  bookingComplete,
  bookingFor,
  documentsChosen,
  fieldLabel,
  printedMessage,
  savedMessage,
  setBooking,
  timeLabel,
  editLine,
  errorFor,
  filterProcedures,
  isoDate,
  jobLabel,
  levelChoices,
  linesOf,
  longDate,
  newForm,
  printBlockedReason,
  setProcedure,
  setSurgeryDate,
  toggleFactor,
} from '../src/lib/form';
import catalogJson from './fixtures/catalog.json';
import fusionJson from './fixtures/preview-fusion.json';

const catalog = catalogJson as unknown as Catalog;
const plan = (fusionJson as unknown as Preview).plan as Plan;
const proc = (id: string) => catalog.procedures.find((p) => p.id === id)!;

describe('defaults', () => {
  it('starts with surgery and discharge today and nothing chosen', () => {
    const f = newForm('2026-11-21', 'Dr. Ada Patel');
    expect(f.surgery_date).toBe('2026-11-21');
    expect(f.discharge_date).toBe('2026-11-21');
    expect(f.surgeon).toBe('Dr. Ada Patel');
    expect(f.procedure).toBe('');
    expect(f.edits).toEqual([]);
  });
  it('writes local dates as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2027, 0, 5))).toBe('2027-01-05');
  });
  it('moves an untouched discharge date with the surgery date, but not a set one', () => {
    const f = newForm('2026-11-21');
    expect(setSurgeryDate(f, '2026-12-01').discharge_date).toBe('2026-12-01');
    const set: CaseForm = { ...f, discharge_date: '2026-11-23' };
    expect(setSurgeryDate(set, '2026-11-20').discharge_date).toBe('2026-11-23');
  });
});

describe('procedure picker', () => {
  it('finds procedures by name, other names and id, every word matching', () => {
    expect(filterProcedures(catalog.procedures, '').length).toBe(catalog.procedures.length);
    const fusion = filterProcedures(catalog.procedures, 'fusion').map((p) => p.id);
    expect(fusion).toContain('lumbar-fusion');
    expect(fusion).not.toContain('microdiscectomy');
    expect(filterProcedures(catalog.procedures, 'ACDF').map((p) => p.id)).toEqual(['acdf']);
    expect(filterProcedures(catalog.procedures, 'lumbar tlif').length).toBeGreaterThan(0);
    expect(filterProcedures(catalog.procedures, 'knee')).toEqual([]);
  });
  it('offers the levels the procedure allows', () => {
    const p = proc('lumbar-fusion');
    const choices = levelChoices(p);
    expect(choices[0]).toBe(p.levels_min);
    expect(choices.at(-1)).toBe(p.levels_max);
    expect(levelChoices(undefined)).toEqual([]);
  });
  it('keeps levels in range, resets them out of range, and drops edits for another procedure', () => {
    const fusion = proc('lumbar-fusion');
    let f: CaseForm = { ...newForm('2026-12-01'), levels: fusion.levels_max };
    f = setProcedure(f, fusion).form;
    expect(f.levels).toBe(fusion.levels_max);
    f = { ...f, edits: addLine([], { list: 'normal' }, 'Mild itching at the incision', 'en') };
    const micro = proc('microdiscectomy');
    const r = setProcedure(f, micro);
    expect(r.droppedEdits).toBe(1);
    expect(r.form.edits).toEqual([]);
    expect(r.form.levels).toBeGreaterThanOrEqual(micro.levels_min);
    expect(r.form.levels).toBeLessThanOrEqual(micro.levels_max);
    // Picking the same procedure again changes nothing.
    expect(setProcedure(f, fusion)).toEqual({ form: f, droppedEdits: 0, droppedBookings: 0 });
  });
  it('turns factors on and off without duplicates', () => {
    let f = newForm('2026-12-01');
    f = toggleFactor(f, 'nicotine', true);
    f = toggleFactor(f, 'nicotine', true);
    f = toggleFactor(f, 'diabetes', true);
    expect(f.factors).toEqual(['nicotine', 'diabetes']);
    expect(toggleFactor(f, 'nicotine', false).factors).toEqual(['diabetes']);
  });
  it('labels job levels with everyday examples', () => {
    const medium = catalog.jobs.find((j) => j.id === 'medium')!;
    expect(jobLabel(medium)).toMatch(/^Medium work — .*nurse aide/);
  });
});

describe('errors and printing', () => {
  const errors = [
    { field: 'discharge_date', message: 'is before the surgery date' },
    { field: 'patient_name', message: 'is required to print' },
  ];
  it('finds the error for each field', () => {
    expect(errorFor(errors, 'discharge_date')).toBe('is before the surgery date');
    expect(errorFor(errors, 'mrn')).toBeUndefined();
  });
  it('says why printing is off, and nothing when it is on', () => {
    expect(printBlockedReason(errors, false)).toContain('2 problems');
    expect(printBlockedReason(errors.slice(0, 1), false)).toContain('the problem');
    expect(printBlockedReason([], true)).toBeUndefined();
  });
});

describe('review and edit', () => {
  const target = { list: 'restrictions', phase: 0 } as const;
  const lines = linesOf(plan, target);
  it('reads the lists of a real plan', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(linesOf(plan, { list: 'normal' })).toBe(plan.normal);
  });
  it('records a change with the original text, and removes it when set back', () => {
    const edits = editLine([], plan, target, 0, 'No lifting over 10 lb, even groceries.');
    expect(edits).toEqual([
      { list: 'restrictions', phase: 0, line: 0, original: lines[0].text, text: 'No lifting over 10 lb, even groceries.', language: 'en' },
    ]);
    // A second change of the same line keeps the protocol's original, not the first change.
    const again = editLine(edits, plan, target, 0, 'No lifting at all.');
    expect(again).toHaveLength(1);
    expect(again[0].original).toBe(lines[0].text);
    expect(editLine(again, plan, target, 0, lines[0].text)).toEqual([]);
    expect(editLine(again, plan, target, 0, '   ')).toEqual([]);
  });
  it('adds lines, changes an added line in place, and removes it when cleared', () => {
    const added = addLine([], target, '  Keep the dog off the bed.  ', 'en');
    expect(added).toEqual([{ list: 'restrictions', phase: 0, line: null, text: 'Keep the dog off the bed.', language: 'en' }]);
    expect(addLine(added, target, '   ', 'en')).toBe(added);
    // The plan as the engine returns it shows the added line last.
    const shown: Plan = structuredClone(plan);
    shown.phases[0].restrictions.push({ text: 'Keep the dog off the bed.', source: 'nurse-edit', edited: true });
    const i = shown.phases[0].restrictions.length - 1;
    const changed = editLine(added, shown, target, i, 'Keep pets off the bed.');
    expect(changed).toEqual([{ list: 'restrictions', phase: 0, line: null, text: 'Keep pets off the bed.', language: 'en' }]);
    expect(editLine(added, shown, target, i, '')).toEqual([]);
  });
  it('keeps edits of other lists apart', () => {
    const other = addLine([], { list: 'restrictions', phase: 1 }, 'Other phase', 'en');
    const edits = editLine(other, plan, target, 0, 'Changed');
    expect(edits).toHaveLength(2);
  });
  it('keeps edits per language: a Spanish packet’s edit never replaces the English one', () => {
    const english = editLine([], plan, target, 0, 'No lifting at all.');
    const spanishPlan: Plan = { ...structuredClone(plan), language: 'es' };
    const both = editLine(english, spanishPlan, target, 0, 'No levante nada.');
    expect(both).toHaveLength(2);
    expect(both.map((e) => [e.language, e.text])).toEqual([
      ['en', 'No lifting at all.'],
      ['es', 'No levante nada.'],
    ]);
    // Setting the Spanish line back removes only the Spanish edit.
    expect(editLine(both, spanishPlan, target, 0, lines[0].text)).toEqual(english);
    // An edit saved before languages existed is English.
    expect(editLanguage({ ...english[0], language: undefined })).toBe('en');
    const added = addLine([], target, 'Sin mascotas en la cama.', 'es');
    expect(added[0].language).toBe('es');
  });
});

describe('dates', () => {
  it('prints a long date the way the packet does, in any time zone', () => {
    expect(longDate('2026-12-01')).toBe('Tue, Dec 1, 2026');
  });

  // Each new formatter is an ICU object of some 100 KB that lives until the page's garbage
  // is collected; one per date held the app's page process 17 MiB higher.
  it('formats every date with the one formatter made at start, none per call', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    const perCall = vi.spyOn(Date.prototype, 'toLocaleDateString');
    const days = Array.from({ length: 28 }, (_, i) => longDate(`2027-02-${String(i + 1).padStart(2, '0')}`));
    expect(days[0]).toBe('Mon, Feb 1, 2027');
    expect(days[27]).toBe('Sun, Feb 28, 2027');
    expect(made).not.toHaveBeenCalled();
    expect(perCall).not.toHaveBeenCalled();
    made.mockRestore();
    perCall.mockRestore();
  });
});

describe('booked visits', () => {
  const visit = plan.follow_ups[0];
  it('adds, changes and clears a booking, keeping visits in order', () => {
    let f = newForm('2026-12-01');
    f = setBooking(f, 90, { date: '2027-03-02' });
    f = setBooking(f, visit.day, { date: '2026-12-20' });
    f = setBooking(f, visit.day, { time: '10:30' });
    expect(f.booked).toEqual([
      { day: visit.day, date: '2026-12-20', time: '10:30' },
      { day: 90, date: '2027-03-02', time: '' },
    ]);
    expect(bookingFor(f, visit.day).time).toBe('10:30');
    expect(bookingFor(f, 7)).toEqual({ day: 7, date: '', time: '' });
    // Clearing both the date and the time un-books the visit.
    f = setBooking(f, visit.day, { date: '' });
    expect(f.booked).toHaveLength(2);
    f = setBooking(f, visit.day, { time: ' ' });
    expect(f.booked.map((b) => b.day)).toEqual([90]);
  });
  it('clears the bookings when the procedure changes, and says so', () => {
    let f = setProcedure(newForm('2026-12-01'), proc('lumbar-fusion')).form;
    f = setBooking(f, visit.day, { date: '2026-12-20' });
    const r = setProcedure(f, proc('acdf'));
    expect(r.form.booked).toEqual([]);
    expect(r.droppedBookings).toBe(1);
  });
  it('waits for a whole date and time before judging one', () => {
    expect(bookingComplete({ day: 14, date: '2026-12-2', time: '' })).toBe(false);
    expect(bookingComplete({ day: 14, date: '2026-12-20', time: '10:' })).toBe(false);
    expect(bookingComplete({ day: 14, date: '2026-12-20', time: '10:30' })).toBe(true);
    expect(bookingComplete({ day: 14, date: '', time: '9:30' })).toBe(true);
  });
  it('finds a visit’s planned date, and shows a booked time on the 12-hour clock', () => {
    expect(addDays('2026-12-01', visit.day)).toBe(visit.date);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(timeLabel('14:05:00')).toBe('2:05 PM');
    expect(timeLabel('00:15:00')).toBe('12:15 AM');
    expect(timeLabel('12:00')).toBe('12:00 PM');
  });
  it('names the visit a booking problem is about', () => {
    expect(fieldLabel(`booked_${visit.day}`, {}, plan.follow_ups)).toBe(`Booked visit: ${visit.purpose}`);
    expect(fieldLabel('booked_999', {}, plan.follow_ups)).toBe('Booked visit (day 999)');
    expect(fieldLabel('mrn', { mrn: 'MRN' })).toBe('MRN');
  });
});

describe('documents', () => {
  const both = { packet: true, care_sheet: true };
  const sheet = { packet: false, care_sheet: true };
  it('needs at least one document', () => {
    expect(documentsChosen(both)).toBe(true);
    expect(documentsChosen(sheet)).toBe(true);
    expect(documentsChosen({ packet: false, care_sheet: false })).toBe(false);
  });
  it('says what was saved where, and what to print', () => {
    expect(savedMessage(['/a/p.pdf', '/a/p-care-team.pdf'], both)).toBe(
      'Saved the packet to /a/p.pdf and the care-team sheet to /a/p-care-team.pdf',
    );
    expect(savedMessage(['/a/s.pdf'], sheet)).toBe('Saved the care-team sheet to /a/s.pdf');
    expect(savedMessage(null, both)).toBe('Save cancelled.');
    expect(printedMessage(both)).toMatch(/^The packet and the care-team sheet are open/);
    expect(printedMessage(sheet)).toMatch(/^The care-team sheet is open/);
  });
});
