// The window's screens against Tauri's IPC mocks, answered with real engine output (the
// fixtures are written by a Rust test). Checks what the nurse sees and what is sent.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { CaseForm } from '../src/bindings';
import App from '../src/App.svelte';
import catalog from './fixtures/catalog.json';
import fusion from './fixtures/preview-fusion.json';
import settingsJson from './fixtures/settings.json';
import { AXE_MS, backend, fillFusionCase, lastForm, noAxeViolations } from './helpers';


/** A page as the app sends it: an SVG sized in points, with one line of text. */
const pageSvg = (n: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792" width="612pt" height="792pt"><text x="10" y="20">Page ${n} text</text></svg>`;

/** Opens the packet view of a filled form whose packet has three pages; page 1 is drawn. */
async function showThreePagePacket(): Promise<void> {
  backend({ packet_pages: () => [pageSvg(1), pageSvg(2), pageSvg(3)] });
  render(App);
  await fillFusionCase();
  await fireEvent.click(screen.getByRole('button', { name: 'Packet' }));
  const first = await screen.findByRole('img', { name: 'Packet page 1 of 3' });
  expect(first.querySelector('svg text')?.textContent).toBe('Page 1 text');
}

describe('new packet', () => {
  it('sends the form as typed and shows the engine’s dates', async () => {
    const calls = backend();
    render(App);
    await fillFusionCase();
    await waitFor(() => {
      const f = lastForm(calls);
      expect(f).toMatchObject({
        procedure: 'lumbar-fusion',
        levels: 2,
        job: 'heavy',
        surgery_date: '2026-12-01',
        discharge_date: '2026-12-03',
        patient_name: 'Maria Gonzalez',
      });
      expect([...f.factors].sort()).toEqual(['diabetes', 'nicotine']);
    });
    const plan = fusion.plan!;
    await waitFor(() => {
      expect(document.querySelector('#return-to-work .date')?.textContent).toBe('Tue, Jun 1, 2027');
    });
    expect(plan.return_to_work!.date).toBe('2027-06-01');
    expect(document.querySelector('#pt-start .date')?.textContent).toContain(
      new Date(`${plan.pt_start.date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    );
    expect((screen.getByRole('button', { name: 'Save PDF…' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Print…' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('warns on the packet screen while the clinic protocol is unapproved, and only then', async () => {
    const warning = "The clinic's protocol version 3 has not been approved. Packets print with it; ask the clinical lead to review and approve it.";
    backend({ catalog: () => ({ ...catalog, protocol_warning: warning }) });
    const { unmount } = render(App);
    await waitFor(() => expect(document.getElementById('protocol-warning')?.textContent).toBe(warning));
    expect(document.getElementById('protocol-warning')?.getAttribute('role')).toBe('alert');
    unmount();
    backend();
    render(App);
    await screen.findByLabelText(/Patient name/);
    expect(document.getElementById('protocol-warning')).toBeNull();
  });

  it('sends the packet’s language and, for Spanish, says before printing that it is not reviewed', async () => {
    const warning = 'This language’s text has not been reviewed by a qualified medical translator.';
    const calls = backend({
      translation_status: (a) => ({ language: a.language, reviewed: null, earlier: null, warning }),
    });
    render(App);
    await fillFusionCase();
    const select = screen.getByLabelText('Packet language') as HTMLSelectElement;
    // The clinic's default (English) until the nurse chooses.
    expect(select.value).toBe('en');
    expect(document.getElementById('language-review')).toBeNull();
    await fireEvent.change(select, { target: { value: 'es' } });
    await waitFor(() => expect(lastForm(calls).language).toBe('es'));
    await waitFor(() => expect(document.getElementById('language-review')?.textContent).toBe(warning));
    expect(calls.find((c) => c.cmd === 'translation_status')?.args).toEqual({ language: 'es' });
    // Back to English: nothing to say.
    await fireEvent.change(select, { target: { value: 'en' } });
    await waitFor(() => expect(document.getElementById('language-review')).toBeNull());
  });

  it('explains a discharge before surgery next to the field and turns printing off', async () => {
    backend();
    render(App);
    await fillFusionCase();
    await fireEvent.input(screen.getByLabelText('Discharge date'), { target: { value: '2026-11-30' } });
    const field = screen.getByLabelText('Discharge date');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const err = document.getElementById(field.getAttribute('aria-describedby')!)!;
    expect(err.textContent).toMatch(/Discharge date .*before/);
    expect((screen.getByRole('button', { name: 'Save PDF…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Print…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.querySelector('#print-blocked [data-field="discharge_date"]')).not.toBeNull();
  });

  it('takes the nurse from the list of problems to the field', async () => {
    backend();
    render(App);
    await fillFusionCase();
    await fireEvent.input(screen.getByLabelText('Discharge date'), { target: { value: '2026-11-30' } });
    const go = await screen.findByRole('button', { name: 'Discharge date' });
    await fireEvent.click(go);
    expect(document.activeElement?.id).toBe('discharge_date');
  });

  it('hides a required-field error until the nurse has been to the field', async () => {
    backend();
    render(App);
    const name = await screen.findByLabelText(/Patient name/);
    await fireEvent.click(screen.getByRole('radio', { name: /^Open lumbar fusion/ }));
    await waitFor(() => expect(document.querySelector('#print-blocked [data-field="patient_name"]')).not.toBeNull());
    expect(name.getAttribute('aria-invalid')).toBeNull();
    await fireEvent.blur(name);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
  });

  it('sends an edit of a line with its original text, and lists it to remove', async () => {
    const calls = backend();
    render(App);
    await fillFusionCase();
    const lines = fusion.plan!.phases[0].restrictions;
    const index = lines.findIndex((l) => l.activity !== 'lifting' && l.activity !== 'driving');
    const line = lines[index].text;
    const [edit] = await screen.findAllByRole('button', { name: `Edit: ${line}` });
    await fireEvent.click(edit);
    const box = screen.getByLabelText('Change this line');
    await fireEvent.input(box, { target: { value: 'No bending at the waist this week.' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Keep change' }));
    await waitFor(() =>
      expect(lastForm(calls).edits).toEqual([
        { list: 'restrictions', phase: 0, line: index, original: line, text: 'No bending at the waist this week.', language: 'en' },
      ]),
    );
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove change 1' }));
    await waitFor(() => expect(lastForm(calls).edits).toEqual([]));
  });

  it('offers no Edit on lifting and driving lines, which are written from the numbers', async () => {
    backend();
    render(App);
    await fillFusionCase();
    await waitFor(() => expect(document.querySelector('#return-to-work')).not.toBeNull());
    const generated = fusion.plan!.phases[0].restrictions.filter((l) => l.activity === 'lifting' || l.activity === 'driving');
    expect(generated.length).toBeGreaterThan(0);
    for (const l of generated) {
      expect(screen.queryAllByRole('button', { name: `Edit: ${l.text}` })).toEqual([]);
    }
  });

  it('keeps the form when a preview fails, and says why', async () => {
    backend({
      preview: () => {
        throw { message: 'the database is locked', fields: [] };
      },
    });
    render(App);
    await fillFusionCase();
    expect((await screen.findByText(/The plan could not be made: the database is locked/)).textContent).toBeTruthy();
    expect((screen.getByLabelText(/Patient name/) as HTMLInputElement).value).toBe('Maria Gonzalez');
  });

  it('does not flag half a date while it is typed', async () => {
    backend({
      preview: (a) => {
        const f = a.form as CaseForm;
        return /^\d{4}-\d{2}-\d{2}$/.test(f.surgery_date)
          ? fusion
          : { plan: null, printable: false, errors: [{ field: 'surgery_date', message: 'is not a real date' }] };
      },
    });
    render(App);
    await fillFusionCase();
    const field = screen.getByLabelText('Surgery date');
    await fireEvent.input(field, { target: { value: '2026-1' } });
    await waitFor(() => expect(document.querySelector('#print-blocked [data-field="surgery_date"]')).not.toBeNull());
    expect(field.getAttribute('aria-invalid')).toBeNull();
    await fireEvent.blur(field);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
  });

  it('saves the case as a template under the name given', async () => {
    const calls = backend();
    render(App);
    await fillFusionCase();
    await fireEvent.input(screen.getByLabelText('Save this case as a template'), { target: { value: 'Fusion smoker heavy' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_template')).toBe(true));
    const call = calls.find((c) => c.cmd === 'save_template')!;
    expect(call.args.name).toBe('Fusion smoker heavy');
    expect((call.args.form as CaseForm).procedure).toBe('lumbar-fusion');
    await waitFor(() =>
      expect(document.querySelector('.save-template .ok')?.textContent).toBe('Saved template “Fusion smoker heavy”.'),
    );
  });

  it('shows a refused template name next to the field', async () => {
    backend({
      save_template: () => {
        throw { message: 'template `Fusion` already exists', fields: [] };
      },
    });
    render(App);
    await fillFusionCase();
    await fireEvent.input(screen.getByLabelText('Save this case as a template'), { target: { value: 'Fusion' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already exists');
  });

  it('saves and prints the documents ticked: both by default, the sheet alone, or none', async () => {
    const calls = backend({
      save_pdf: () => ['/home/n/maria.pdf', '/home/n/maria-care-team.pdf'],
      print_pdf: () => ['/tmp/homeward-care-team-1.pdf'],
    });
    render(App);
    await fillFusionCase();
    const save = screen.getByRole('button', { name: 'Save PDF…' }) as HTMLButtonElement;
    const print = screen.getByRole('button', { name: 'Print…' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    const packet = screen.getByRole('checkbox', { name: 'Patient packet' }) as HTMLInputElement;
    const sheet = screen.getByRole('checkbox', { name: 'Care-team sheet' }) as HTMLInputElement;
    expect([packet.checked, sheet.checked]).toEqual([true, true]);
    await fireEvent.click(save);
    await waitFor(() => expect(calls.find((c) => c.cmd === 'save_pdf')?.args.documents).toEqual({ packet: true, care_sheet: true }));
    await waitFor(() =>
      expect(document.querySelector('.status')?.textContent).toBe(
        'Saved the packet to /home/n/maria.pdf and the care-team sheet to /home/n/maria-care-team.pdf',
      ),
    );
    await fireEvent.click(packet);
    await fireEvent.click(print);
    await waitFor(() => expect(calls.find((c) => c.cmd === 'print_pdf')?.args.documents).toEqual({ packet: false, care_sheet: true }));
    await waitFor(() => expect(document.querySelector('.status')?.textContent).toMatch(/^The care-team sheet is open/));
    await fireEvent.click(sheet);
    expect(save.disabled && print.disabled).toBe(true);
    expect(document.getElementById(save.getAttribute('aria-describedby')!)?.textContent).toMatch(/Tick Patient packet/);
  });

  it('shows the care-team sheet as its pages', async () => {
    const calls = backend({
      care_sheet_pages: () => ['<svg xmlns="http://www.w3.org/2000/svg"><text>Care-team sheet</text></svg>'],
    });
    render(App);
    await fillFusionCase();
    await fireEvent.click(screen.getByRole('button', { name: 'Care-team sheet' }));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'care_sheet_pages')).toBe(true));
    expect(calls.some((c) => c.cmd === 'packet_pages')).toBe(false);
    expect(document.querySelector('.pdf')?.getAttribute('data-kind')).toBe('care_sheet');
    await screen.findByRole('img', { name: 'Care-team sheet page 1 of 1' });
  });

  it('draws each page of the packet from the SVG the app sends, and none while the form has a problem', async () => {
    await showThreePagePacket();
    expect(screen.getAllByRole('img', { name: /^Packet page \d of 3$/ })).toHaveLength(3);
    expect(document.querySelector('.pdf')?.getAttribute('data-pages')).toBe('3');
    // Clearing the patient's name makes the form unprintable: the pages go at once.
    await fireEvent.input(screen.getByLabelText(/Patient name/), { target: { value: '' } });
    await waitFor(() => expect(document.querySelectorAll('.pdf .page')).toHaveLength(0));
  });

  it('builds page 1 at once and each later page only when it comes near the view', async () => {
    // A stand-in for the browser's IntersectionObserver (jsdom has none): the test says
    // which page has come near.
    const watched = new Map<Element, (entries: { isIntersecting: boolean }[]) => void>();
    class Observer {
      constructor(private readonly callback: (entries: { isIntersecting: boolean }[]) => void) {}
      observe(node: Element) {
        watched.set(node, this.callback);
      }
      disconnect() {}
    }
    const real = globalThis.IntersectionObserver;
    globalThis.IntersectionObserver = Observer as unknown as typeof IntersectionObserver;
    try {
      await showThreePagePacket();
      const third = screen.getByRole('img', { name: 'Packet page 3 of 3' });
      expect(screen.getByRole('img', { name: 'Packet page 2 of 3' }).querySelector('svg')).toBeNull();
      expect(third.querySelector('svg')).toBeNull();
      // The nurse jumps to page 3: it is built; page 2 is not until it comes near.
      watched.get(third)?.([{ isIntersecting: true }]);
      await waitFor(() => expect(third.querySelector('svg text')?.textContent).toBe('Page 3 text'));
      expect(screen.getByRole('img', { name: 'Packet page 2 of 3' }).querySelector('svg')).toBeNull();
    } finally {
      globalThis.IntersectionObserver = real;
    }
  });

  it('sends a booked visit with the form and shows its problem next to the visit', async () => {
    const visit = fusion.plan!.follow_ups[0];
    const field = `booked_${visit.day}`;
    const calls = backend({
      preview: (a) => {
        const f = a.form as CaseForm;
        return f.booked.some((b) => b.date === '2026-12-02')
          ? { ...fusion, printable: false, errors: [{ field, message: 'the visit planned for 2026-12-15 cannot be booked on 2026-12-02' }] }
          : fusion;
      },
    });
    render(App);
    await fillFusionCase();
    const group = await screen.findByRole('group', { name: new RegExp(`^${visit.purpose}`) });
    const date = within(group).getByLabelText('Booked for (date)');
    await fireEvent.input(date, { target: { value: '2026-12-20' } });
    await fireEvent.input(within(group).getByLabelText(/^Time/), { target: { value: '10:30' } });
    await waitFor(() => expect(lastForm(calls).booked).toEqual([{ day: visit.day, date: '2026-12-20', time: '10:30' }]));
    await fireEvent.input(date, { target: { value: '2026-12-02' } });
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toContain('cannot be booked on 2026-12-02');
    expect(document.querySelector(`#print-blocked [data-field="${field}"]`)?.textContent).toContain(`Booked visit: ${visit.purpose}`);
  });

  it('has no accessibility violations, empty and filled', async () => {
    backend();
    const { container } = render(App);
    await screen.findByLabelText(/Patient name/);
    await noAxeViolations(container);
    await fillFusionCase();
    await waitFor(() => expect(document.querySelector('#return-to-work')).not.toBeNull());
    await noAxeViolations(container);
  }, AXE_MS);
});

describe('other screens', () => {
  it('loads a template into the form and returns to it', async () => {
    const loaded: Partial<CaseForm> = { procedure: 'acdf', levels: 1, factors: ['diabetes'], job: 'light' };
    const calls = backend({
      templates: () => [{ name: 'ACDF light', procedure: 'acdf', levels: 1, updated_at: '2026-11-21T10:00:00Z' }],
      load_template: (a) => ({ ...(a.form as CaseForm), ...loaded }),
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Templates' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Load ACDF light' }));
    await waitFor(() => expect(lastForm(calls)).toMatchObject(loaded));
    expect(screen.getByRole('button', { name: 'New packet' }).getAttribute('aria-current')).toBe('page');
  });

  it('asks before deleting a template', async () => {
    const calls = backend({
      templates: () => [{ name: 'ACDF light', procedure: 'acdf', levels: 1, updated_at: '2026-11-21T10:00:00Z' }],
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Templates' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete ACDF light' }));
    expect(calls.some((c) => c.cmd === 'delete_template')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'delete_template')?.args).toEqual({ name: 'ACDF light' }));
  });

  it('saves a setting when its field is left, and shows a refusal next to it', async () => {
    const calls = backend({
      set_setting: (a) => {
        if (a.key === 'clinic-phone') throw { message: 'clinic-phone: `call me` is not a phone number', fields: [] };
        return settingsJson;
      },
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const phone = screen.getByLabelText(/Spine office phone/);
    await fireEvent.change(phone, { target: { value: 'call me' } });
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('err-clinic-phone')?.textContent).toContain('not a phone number');
    expect(calls.find((c) => c.cmd === 'set_setting')?.args).toEqual({ key: 'clinic-phone', value: 'call me' });
  });

  it('saves the office hours the packet prints in the "call the office" box', async () => {
    const calls = backend();
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const hours = screen.getByLabelText('Office hours');
    await fireEvent.change(hours, { target: { value: 'Mon-Fri 8 am to 5 pm' } });
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'set_setting')?.args).toEqual({ key: 'office-hours', value: 'Mon-Fri 8 am to 5 pm' }),
    );
    expect((screen.getByLabelText('Office hours') as HTMLInputElement).value).toBe('Mon-Fri 8 am to 5 pm');
  });

  it('puts the history box back when history cannot be turned off', async () => {
    backend({
      settings: () => ({ ...settingsJson, clinic_phone: '(555) 777-0199', history: true }),
      set_setting: () => {
        throw { message: 'history holds 2 packets', fields: [] };
      },
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const box = screen.getByLabelText(/Keep a history/) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await fireEvent.click(box);
    await waitFor(() => expect(document.getElementById('err-history')?.textContent).toContain('History screen'));
    expect(box.checked).toBe(true);
  });

  it('shows History only while history is on', async () => {
    backend();
    render(App);
    await screen.findByRole('button', { name: 'Settings' });
    expect(screen.queryByRole('button', { name: 'History' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await fireEvent.click(screen.getByLabelText(/Keep a history/));
    expect(await screen.findByRole('button', { name: 'History' })).toBeTruthy();
  });

  it('has no accessibility violations on templates, settings and history', async () => {
    backend({
      templates: () => [{ name: 'ACDF light', procedure: 'acdf', levels: 1, updated_at: '2026-11-21T10:00:00Z' }],
      settings: () => ({ ...settingsJson, history: true, surgeons: [{ name: 'Dr. Ada Patel', phone: null, is_default: true }] }),
      history: () => [
        { id: 1, printed_at: '2026-11-21T10:00:00Z', nurse_initials: 'AB', procedure: 'Lumbar fusion', surgery_date: '2026-12-01', patient_name: 'Maria Gonzalez', printed_on: '2026-11-21' },
      ],
    });
    const { container } = render(App);
    for (const name of ['Templates', 'Settings', 'History']) {
      await fireEvent.click(await screen.findByRole('button', { name }));
      await screen.findByRole('heading', { level: 2, name: name === 'History' ? 'Packet history' : name });
      await noAxeViolations(container);
    }
  });
});
