// The new-packet form's logic, kept out of the components so it is unit-tested: defaults,
// the procedure search, levels, the nurse's text edits, and which error goes with which field.
import type {
  BookingForm,
  CaseForm,
  Documents,
  EditTarget,
  FieldError,
  FollowUp,
  JobOption,
  Line,
  Plan,
  PlanEdit,
  ProcedureOption,
} from '../bindings';

/** A date as YYYY-MM-DD in the computer's own time zone. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A fresh form: surgery and discharge today, nothing else chosen. */
export function newForm(today: string, surgeon = ''): CaseForm {
  return {
    procedure: '',
    levels: null,
    factors: [],
    job: null,
    surgery_date: today,
    discharge_date: today,
    patient_name: '',
    date_of_birth: '',
    mrn: '',
    surgeon,
    nurse: '',
    edits: [],
    booked: [],
    language: '',
  };
}

/**
 * Moves the surgery date; a discharge date the nurse has not set apart from the surgery
 * date (empty, or the same day) moves with it.
 */
export function setSurgeryDate(form: CaseForm, date: string): CaseForm {
  const follows = form.discharge_date === '' || form.discharge_date === form.surgery_date;
  return { ...form, surgery_date: date, discharge_date: follows ? date : form.discharge_date };
}

/** What the procedure picker shows for a search: every word must match. */
export function filterProcedures(all: ProcedureOption[], query: string): ProcedureOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  return all.filter((p) => {
    const hay = `${p.name} ${p.also_called ?? ''} ${p.id}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The level counts a procedure allows, fewest first. */
export function levelChoices(p: ProcedureOption | undefined): number[] {
  if (!p) return [];
  const out: number[] = [];
  for (let n = p.levels_min; n <= p.levels_max; n++) out.push(n);
  return out;
}

/**
 * Picks a procedure. Levels outside its range fall back to its usual number; the nurse's
 * text edits belong to the old procedure's lines, and the booked visits to its visits, so
 * they are dropped (the caller says so).
 */
export function setProcedure(
  form: CaseForm,
  p: ProcedureOption,
): { form: CaseForm; droppedEdits: number; droppedBookings: number } {
  if (form.procedure === p.id) return { form, droppedEdits: 0, droppedBookings: 0 };
  const levels =
    form.levels !== null && form.levels >= p.levels_min && form.levels <= p.levels_max
      ? form.levels
      : p.levels_default;
  return {
    form: { ...form, procedure: p.id, levels, edits: [], booked: [] },
    droppedEdits: form.edits.length,
    droppedBookings: form.booked.filter((b) => b.date.trim() !== '' || b.time.trim() !== '').length,
  };
}

/** Turns a factor on or off. */
export function toggleFactor(form: CaseForm, id: string, on: boolean): CaseForm {
  const rest = form.factors.filter((f) => f !== id);
  return { ...form, factors: on ? [...rest, id] : rest };
}

/** A job level as the picker shows it: "Medium — nurse aide, …". */
export function jobLabel(j: JobOption): string {
  return `${j.name} — ${j.examples}`;
}

/** The first error for a form field, if any. */
export function errorFor(errors: FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

/** Why printing is off, in one line; undefined when it is on. */
export function printBlockedReason(errors: FieldError[], printable: boolean): string | undefined {
  if (printable) return undefined;
  const n = errors.length;
  if (n === 0) return 'Waiting for the plan…';
  return n === 1 ? 'Printing is off until the problem below is fixed:' : `Printing is off until the ${n} problems below are fixed:`;
}

function sameTarget(a: EditTarget, b: EditTarget): boolean {
  if (a.list !== b.list) return false;
  return !('phase' in a) || (a as { phase: number }).phase === (b as { phase: number }).phase;
}

/** The lines of one editable list of a plan. */
export function linesOf(plan: Plan, target: EditTarget): Line[] {
  switch (target.list) {
    case 'goals':
    case 'allowed':
    case 'restrictions':
      return plan.phases[target.phase]?.[target.list] ?? [];
    case 'pt_focus':
      return plan.pt_focus;
    case 'normal':
      return plan.normal;
    case 'not_normal':
      // Retired in protocol 2026.12 (the warning signs replaced it); an old template's edit
      // to it is reported by the engine, and there is no line to show.
      return [];
  }
}

/**
 * Changes the text of line `index` of a list, as the plan shows it (edits applied; added
 * lines come last). Returns the new edit list: an edit of a protocol line keeps the line's
 * original text, so the engine can refuse it if the protocol changes; setting a line back to
 * its original text removes the edit; an added line is changed in place, or removed when
 * its text is cleared.
 */
export function editLine(
  edits: PlanEdit[],
  plan: Plan,
  target: EditTarget,
  index: number,
  text: string,
): PlanEdit[] {
  const lines = linesOf(plan, target);
  // Edits are kept per language: only those in the packet's language are on its lines.
  const language = plan.language;
  const mine = (e: PlanEdit) => editLanguage(e) === language;
  const added = edits.filter((e) => e.line === null && sameTarget(e, target) && mine(e));
  const base = lines.length - added.length;
  const clean = text.trim();
  if (index >= base) {
    const edit = added[index - base];
    if (!edit) return edits;
    if (clean === '') return edits.filter((e) => e !== edit);
    return edits.map((e) => (e === edit ? { ...e, text: clean } : e));
  }
  const existing = edits.find((e) => e.line === index && sameTarget(e, target) && mine(e));
  const original = existing ? (existing.original ?? '') : lines[index].text;
  const rest = edits.filter((e) => e !== existing);
  if (clean === '' || clean === original) return rest;
  return [...rest, { ...target, line: index, original, text: clean, language } as PlanEdit];
}

/** Adds a line, in the packet's language, at the end of a list. */
export function addLine(edits: PlanEdit[], target: EditTarget, text: string, language: string): PlanEdit[] {
  const clean = text.trim();
  if (clean === '') return edits;
  return [...edits, { ...target, line: null, text: clean, language } as PlanEdit];
}

/** The language an edit is written in (edits saved before the Spanish edition are English). */
export function editLanguage(e: PlanEdit): string {
  return e.language ?? 'en';
}

/** The packet languages, as the form offers them. */
export const LANGUAGES: { id: string; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'es', name: 'Spanish (Español)' },
];

/**
 * One formatter for every date the screens show. `toLocaleDateString` builds a new ICU date
 * formatter on each call (some 100 KB, freed only when the page's garbage is collected), and
 * the plan shows a dozen dates on every change of the form: made once, it holds the web
 * process's heap down (`bench/app-speed.sh`).
 */
const LONG_DATE = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date as the packet prints it: "Tue, Dec 1, 2026". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return LONG_DATE.format(new Date(Date.UTC(y, m - 1, d)));
}

/** The booking the form holds for the visit planned on `day` (blank when none). */
export function bookingFor(form: CaseForm, day: number): BookingForm {
  return form.booked.find((b) => b.day === day) ?? { day, date: '', time: '' };
}

/**
 * Sets the booked date or time of the visit planned on `day`. A booking with neither is
 * removed (the visit is not booked); bookings are kept in visit order.
 */
export function setBooking(
  form: CaseForm,
  day: number,
  patch: Partial<Pick<BookingForm, 'date' | 'time'>>,
): CaseForm {
  const next = { ...bookingFor(form, day), ...patch };
  const rest = form.booked.filter((b) => b.day !== day);
  const booked = next.date.trim() === '' && next.time.trim() === '' ? rest : [...rest, next];
  return { ...form, booked: booked.sort((a, b) => a.day - b.day) };
}

/** The form field a visit's booking problems come under (also its date input's id). */
export function bookingField(day: number): string {
  return `booked_${day}`;
}

/**
 * Whether a booking is typed far enough to judge: a whole date, and a time that is blank
 * or has its minutes. (Half a date or half a time is not an error yet.)
 */
export function bookingComplete(b: BookingForm): boolean {
  const time = b.time.trim();
  return (b.date.trim().length >= 10 || b.date.trim() === '') && (time === '' || /\d:\d\d/.test(time));
}

/** The date `day` days after `iso` (YYYY-MM-DD): a visit's planned date. */
export function addDays(iso: string, day: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + day)).toISOString().slice(0, 10);
}

/** A time as the packet prints it: "9:30 AM". */
export function timeLabel(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The label of a form field, for the list of problems (a booking names its visit). */
export function fieldLabel(field: string, labels: Record<string, string>, visits: FollowUp[] = []): string {
  const m = /^booked_(\d+)$/.exec(field);
  if (m) {
    const visit = visits.find((f) => f.day === Number(m[1]));
    return visit ? `Booked visit: ${visit.purpose}` : `Booked visit (day ${m[1]})`;
  }
  return labels[field] ?? field;
}

/** Whether anything is chosen to save or print. */
export function documentsChosen(d: Documents): boolean {
  return d.packet || d.care_sheet;
}

/** The status line after saving: what went where (the packet first), or the cancel. */
export function savedMessage(paths: string[] | null, d: Documents): string {
  if (!paths) return 'Save cancelled.';
  if (d.packet && d.care_sheet && paths.length === 2) {
    return `Saved the packet to ${paths[0]} and the care-team sheet to ${paths[1]}`;
  }
  return `Saved the ${d.packet ? 'packet' : 'care-team sheet'} to ${paths[0]}`;
}

/** The status line after printing. */
export function printedMessage(d: Documents): string {
  if (d.packet && d.care_sheet) {
    return 'The packet and the care-team sheet are open in the PDF viewer: print them from there.';
  }
  return `The ${d.packet ? 'packet' : 'care-team sheet'} is open in the PDF viewer: print it from there.`;
}
