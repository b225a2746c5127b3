// After teaching (the chart note, the record for the chart, the calendar) and the OR list
// screen, against Tauri's IPC mocks: what is sent, and what the nurse sees.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { BatchReport, ChosenList } from '../src/bindings';
import App from '../src/App.svelte';
import { AXE_MS, backend, fillFusionCase, noAxeViolations } from './helpers';

const NOTE = 'Discharge teaching after spine surgery (Homeward)\nPatient: Maria Gonzalez\n';

describe('after teaching', () => {
  it('sends the teach-back and interpreter with the form, and shows the chart note', async () => {
    const calls = backend({ chart_note: () => NOTE, save_fhir: () => '/tmp/r.json', save_calendar: () => null });
    render(App);
    await fillFusionCase();
    await fireEvent.change(screen.getByLabelText('Teach-back'), { target: { value: 'partial' } });
    await fireEvent.input(screen.getByLabelText('Interpreter (name or ID)'), { target: { value: 'Ana Ruiz' } });
    const show = screen.getByRole('button', { name: 'Show chart note' }) as HTMLButtonElement;
    await waitFor(() => expect(show.disabled).toBe(false));
    await fireEvent.click(show);
    const box = (await screen.findByLabelText('Chart note')) as HTMLTextAreaElement;
    expect(box.value).toBe(NOTE);
    const sent = calls.filter((c) => c.cmd === 'chart_note').at(-1)!.args;
    expect(sent.teaching).toEqual({ teach_back: 'partial', interpreter: 'Ana Ruiz' });
    expect(sent.form).toMatchObject({ procedure: 'lumbar-fusion', patient_name: 'Maria Gonzalez' });

    await fireEvent.click(screen.getByRole('button', { name: 'Export for the chart…' }));
    await waitFor(() => expect(document.querySelector('.status')?.textContent).toContain('/tmp/r.json'));
    // The calendar has no name unless the nurse ticks it.
    await fireEvent.click(screen.getByRole('button', { name: 'Save calendar…' }));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_calendar')).toBe(true));
    expect(calls.filter((c) => c.cmd === 'save_calendar').at(-1)!.args.withName).toBe(false);
    await fireEvent.click(screen.getByLabelText("Patient's name in the calendar"));
    await fireEvent.click(screen.getByRole('button', { name: 'Save calendar…' }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'save_calendar').at(-1)!.args.withName).toBe(true));
  });

  it('copies the chart note to the clipboard with one click', async () => {
    backend({ chart_note: () => NOTE });
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (t: string) => void copied.push(t) },
      configurable: true,
    });
    render(App);
    await fillFusionCase();
    const copy = screen.getByRole('button', { name: 'Copy chart note' }) as HTMLButtonElement;
    await waitFor(() => expect(copy.disabled).toBe(false));
    await fireEvent.click(copy);
    await waitFor(() => expect(copied).toEqual([NOTE]));
    await waitFor(() =>
      expect(document.querySelector('.status')?.textContent).toBe(
        'The chart note is copied: paste it into the health record.',
      ),
    );
  });

  it('shows a refused teaching field', async () => {
    backend({
      chart_note: () => {
        throw { message: 'interpreter: is too long', fields: [{ field: 'interpreter', message: 'is too long (81 characters); the most is 80' }] };
      },
    });
    render(App);
    await fillFusionCase();
    const show = screen.getByRole('button', { name: 'Show chart note' }) as HTMLButtonElement;
    await waitFor(() => expect(show.disabled).toBe(false));
    await fireEvent.click(show);
    expect((await screen.findByRole('alert')).textContent).toBe('interpreter: is too long (81 characters); the most is 80');
  });
});

const CHOSEN: ChosenList = {
  path: '/lists/tomorrow.csv',
  report: {
    rows: 3,
    written: [],
    errors: [{ row: 3, column: 'surgery_date', message: '`12/07/2026` is not a date; use YYYY-MM-DD, e.g. 2026-12-01' }],
  },
};
const DONE: BatchReport = {
  rows: 3,
  written: [
    { row: 2, packet: '/out/discharge-packet-row-002.pdf', care_sheet: null },
    { row: 4, packet: '/out/discharge-packet-row-004.pdf', care_sheet: null },
  ],
  errors: CHOSEN.report.errors,
};

describe('OR list', () => {
  it('checks the file, lists the bad row, and prints the good ones into the folder', async () => {
    const calls = backend({
      choose_batch_file: () => CHOSEN,
      choose_batch_folder: () => '/out',
      run_batch: () => DONE,
      batch_progress: () => ({ done: 1, total: 2 }),
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'OR list' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the OR list…' }));
    expect((await screen.findByText(/3 patients in the list/)).textContent).toBe(
      '3 patients in the list: 2 ready to print, 1 with problems (not printed).',
    );
    const problems = screen.getByRole('table');
    const row = within(problems).getAllByRole('row')[1];
    expect(row.textContent).toContain('3');
    expect(row.textContent).toContain('surgery_date');
    const run = screen.getByRole('button', { name: 'Print 2 packets' }) as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the folder…' }));
    await waitFor(() => expect(run.disabled).toBe(false));
    await fireEvent.click(screen.getByLabelText('Also save each care-team sheet beside its packet'));
    await fireEvent.click(run);
    await screen.findByText('Printed 2 of 3 packets into /out.');
    expect(calls.find((c) => c.cmd === 'run_batch')!.args).toEqual({
      path: '/lists/tomorrow.csv',
      options: { out_dir: '/out', care_sheets: true, nurse: '' },
    });
    expect((document.getElementById('batch-progress') as HTMLProgressElement).value).toBe(2);
    expect(screen.getByText(/Row 3, surgery_date:/)).toBeTruthy();
  });

  it('shows a refused file and has no accessibility violations', async () => {
    backend({
      choose_batch_file: () => {
        throw { message: 'OR list: the column `surgery_date` is missing; the first row must name it', fields: [] };
      },
    });
    const { container } = render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'OR list' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the OR list…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('`surgery_date` is missing');
    await noAxeViolations(container);
  }, AXE_MS);
});
