// The Protocol screen against Tauri's IPC mocks, answered with real app output (the fixtures
// are written by a Rust test): each number with its source and published range, a day
// outside the range warned about and sent with its reason, saving and versions.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { ProtocolEdit } from '../src/bindings';
import App from '../src/App.svelte';
import catalog from './fixtures/catalog.json';
import acdf from './fixtures/protocol-acdf.json';
import day7 from './fixtures/protocol-acdf-day-7.json';
import fusion from './fixtures/preview-fusion.json';
import { backend as sharedBackend, noAxeViolations } from './helpers';

/** The shared mock, answering the Protocol screen's commands with the app's fixtures. */
function backend(overrides: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
  return sharedBackend({
    protocol_screen: () => acdf,
    check_protocol_edit: () => day7,
    save_protocol_edit: () => 1,
    ...overrides,
  });
}

async function openProtocol() {
  await fireEvent.click(await screen.findByRole('button', { name: 'Protocol' }));
  return screen.findByLabelText('Driving allowed from');
}

describe('protocol screen', () => {
  it('shows each number with its source and published range', async () => {
    backend();
    render(App);
    const driving = (await openProtocol()) as HTMLInputElement;
    expect(driving.value).toBe('14');
    const row = driving.closest('tr')!;
    expect(row.textContent).toContain('default-driving-acdf');
    expect(row.textContent).toContain('day 14 or later (scott2015)');
    // Full duty is worked out from the limits: shown, not an input.
    expect(screen.queryByLabelText('Full duty, heavy work')?.tagName).not.toBe('INPUT');
  });

  it('warns about a day outside its range and sends the change with its reason', async () => {
    const calls = backend();
    render(App);
    const driving = await openProtocol();
    await fireEvent.input(driving, { target: { value: '7' } });
    const warning = await screen.findByText(/Day 7 is outside the published range: day 14 or later \(scott2015\)/);
    expect(warning.getAttribute('role')).toBe('status');
    expect(screen.getByLabelText('Driving allowed from').getAttribute('aria-describedby')).toContain(warning.id);
    await fireEvent.input(screen.getByLabelText(/^Why this change/), {
      target: { value: 'Our surgeons clear drivers at 1 week.' },
    });
    await waitFor(() => {
      const edit = calls.filter((c) => c.cmd === 'check_protocol_edit').at(-1)?.args.edit as ProtocolEdit;
      expect(edit.changes).toEqual([
        { kind: 'number', field: 'driving.day', value: 7, source: '', reason: 'Our surgeons clear drivers at 1 week.' },
      ]);
    });
    // The checked screen lists the variation.
    expect(await screen.findByText(/acdf driving: day 7, published day 14 or later/)).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save version' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('Your initials'), { target: { value: 'KL' } });
    await fireEvent.input(screen.getByLabelText('Why this version'), { target: { value: 'Drive at 1 week' } });
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_protocol_edit')).toBe(true));
    const saved = calls.find((c) => c.cmd === 'save_protocol_edit')!.args;
    expect(saved.reason).toBe('Drive at 1 week');
    expect((saved.edit as ProtocolEdit).by).toBe('KL');
    // The packet screen's catalog is asked for again, so its warning and plans follow.
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'catalog').length).toBe(2));
  });

  it('keeps the procedure while changes are pending, and discards them on request', async () => {
    backend();
    render(App);
    const driving = (await openProtocol()) as HTMLInputElement;
    await fireEvent.input(driving, { target: { value: '7.5' } });
    expect(await screen.findByText('Whole numbers only.')).toBeTruthy();
    expect((screen.getByLabelText('Procedure') as HTMLSelectElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect((screen.getByLabelText('Procedure') as HTMLSelectElement).disabled).toBe(false));
    expect((screen.getByLabelText('Driving allowed from') as HTMLInputElement).value).toBe('14');
    // Typing the saved value back is no change at all.
    await fireEvent.input(screen.getByLabelText('Driving allowed from'), { target: { value: '21' } });
    await fireEvent.input(screen.getByLabelText('Driving allowed from'), { target: { value: '14' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Discard changes' })).toBeNull());
  });

  it('shows a refused change next to it', async () => {
    backend({
      check_protocol_edit: () => {
        throw { message: 'changes', fields: [{ field: 'changes[0]', message: 'say why: the reason is kept with the change' }] };
      },
    });
    render(App);
    await fireEvent.input(await openProtocol(), { target: { value: '21' } });
    expect(await screen.findByText(/say why: the reason is kept with the change/)).toBeTruthy();
    expect((screen.getByLabelText('Driving allowed from') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
  });

  it('has no accessibility violations', async () => {
    backend();
    const { container } = render(App);
    await fireEvent.input(await openProtocol(), { target: { value: '7' } });
    await screen.findByText(/outside the published range/);
    await noAxeViolations(container);
  }, 30_000);

  it('tells the nurse whether the surgeon typed has orders of their own', async () => {
    let surgeon: string | null = null;
    backend({
      catalog: () => ({ ...catalog, surgeons_with_orders: ['Dr. Ana Patel'] }),
      preview: () => ({
        ...fusion,
        plan: { ...fusion.plan, surgeon: surgeon ? { id: 'patel', name: surgeon } : null },
      }),
    });
    render(App);
    const field = await screen.findByLabelText('Surgeon');
    await fireEvent.input(field, { target: { value: 'Dr. Lee' } });
    expect(await screen.findByText(/No orders are saved for this name, so the clinic's protocol applies\. Surgeons with their own orders: Dr\. Ana Patel\./)).toBeTruthy();
    surgeon = 'Dr. Ana Patel';
    await fireEvent.input(field, { target: { value: 'dr ana patel' } });
    expect(await screen.findByText("This packet follows Dr. Ana Patel's own orders.")).toBeTruthy();
  });

  it('compares, restores and approves the clinic’s versions with the lead’s initials', async () => {
    const versions = [
      { number: 2, saved_at: '2026-12-02T10:00:00Z', saved_by: 'AB', reason: '3 weeks again', approval: null, in_use: true },
      { number: 1, saved_at: '2026-12-01T10:00:00Z', saved_by: 'KL', reason: 'Drive at 1 week', approval: 'approved by MD on 2026-12-01, review by 2028-12-01', in_use: false },
    ];
    const calls = backend({
      protocol_screen: () => ({ ...acdf, versions }),
      compare_protocol_versions: () => [{ path: 'changes.toml', lines: [['-', 3, 'day = 7'], ['+', 3, 'day = 21']] }],
      restore_protocol_version: () => 3,
      approve_protocol_version: () => null,
    });
    render(App);
    await openProtocol();
    await fireEvent.click(await screen.findByRole('button', { name: 'Compare with 1' }));
    const diff = await screen.findByLabelText('Changes in changes.toml');
    expect(diff.textContent).toContain('- 3: day = 7');
    expect(diff.textContent).toContain('+ 3: day = 21');
    expect(calls.find((c) => c.cmd === 'compare_protocol_versions')!.args).toEqual({ from: 1, to: 2 });
    // Restore and approve need the lead's initials.
    const restore = screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement;
    const approve = screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement;
    expect(restore.disabled && approve.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('Your initials'), { target: { value: 'KL' } });
    await fireEvent.click(restore);
    await waitFor(() => expect(calls.find((c) => c.cmd === 'restore_protocol_version')?.args).toEqual({ number: 1, by: 'KL' }));
    await fireEvent.click(approve);
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'approve_protocol_version')?.args).toEqual({ number: 2, by: 'KL', reviewMonths: 24 }),
    );
    expect(await screen.findByText('Approved version 2.')).toBeTruthy();
  });

  it('starts a new surgeon’s orders under the name given', async () => {
    const calls = backend({
      protocol_screen: () => ({ ...acdf, layers: [...acdf.layers, ['dr-lee-wong', "Dr. Lee Wong's orders"]] }),
    });
    render(App);
    await openProtocol();
    await fireEvent.change(screen.getByLabelText('Whose orders'), { target: { value: 'new' } });
    await fireEvent.input(await screen.findByLabelText('Surgeon’s name, as the packet prints it'.replace('’', "'")), {
      target: { value: 'Dr. Lee Wong' },
    });
    await fireEvent.input(screen.getByLabelText('Driving allowed from'), { target: { value: '28' } });
    await fireEvent.input(screen.getByLabelText(/^Why this change/), { target: { value: 'Dr. Wong wants 4 weeks.' } });
    await fireEvent.input(screen.getByLabelText('Your initials'), { target: { value: 'KL' } });
    await fireEvent.input(screen.getByLabelText('Why this version'), { target: { value: 'Dr Wong' } });
    const save = screen.getByRole('button', { name: 'Save version' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_protocol_edit')).toBe(true));
    const edit = calls.find((c) => c.cmd === 'save_protocol_edit')!.args.edit as ProtocolEdit;
    expect(edit).toMatchObject({ layer: 'new', new_surgeon: 'Dr. Lee Wong', by: 'KL' });
    // Then the screen shows the surgeon's own orders.
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'protocol_screen').at(-1)?.args.layer).toBe('dr-lee-wong'));
  });

  it('shows the Spanish is not reviewed, and records a translator’s review of the text as it prints', async () => {
    const unreviewed = {
      language: 'es',
      reviewed: null,
      earlier: null,
      warning: 'This language’s text has not been reviewed by a qualified medical translator.',
    };
    const review = {
      language: 'es',
      reviewer: 'Ana Ruiz',
      credential: 'CHI-Spanish',
      reviewed_on: '2026-11-20',
      recorded_by: 'LP',
      texts_sha256: 'a'.repeat(64),
      protocol_version: '2026.12.1',
      recorded_at: '2026-12-01T10:00:00.000Z',
    };
    const calls = backend({
      translation_status: () => unreviewed,
      record_translation_review: () => ({ ...unreviewed, reviewed: review, warning: null }),
    });
    render(App);
    await openProtocol();
    expect((await screen.findByText(/has not been reviewed by a qualified medical translator/)).id).toBe('review-status');
    const record = screen.getByRole('button', { name: 'Record the review' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('Translator’s name'), { target: { value: 'Ana Ruiz' } });
    await fireEvent.input(screen.getByLabelText('Credential'), { target: { value: 'CHI-Spanish' } });
    await fireEvent.input(screen.getByLabelText('Day of the review'), { target: { value: '2026-11-20' } });
    await fireEvent.input(screen.getByLabelText('Initials of who records it'), { target: { value: 'lp' } });
    expect(record.disabled).toBe(false);
    await fireEvent.click(record);
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'record_translation_review')?.args).toEqual({
        review: { language: 'es', reviewer: 'Ana Ruiz', credential: 'CHI-Spanish', reviewed_on: '2026-11-20', recorded_by: 'lp' },
      }),
    );
    expect((await screen.findByText(/Reviewed by Ana Ruiz \(CHI-Spanish\) on 2026-11-20/)).id).toBe('review-status');
  });

  it('sends a changed line with its Spanish, and lists the lines that have none', async () => {
    const calls = backend({
      protocol_screen: () => ({ ...acdf, untranslated: ['changes.toml: procedure `acdf`: field `phase[0].avoid[bending].text`'] }),
    });
    render(App);
    await openProtocol();
    expect(document.getElementById('untranslated')?.textContent).toContain('phase[0].avoid[bending].text');
    await fireEvent.input(screen.getByLabelText(/What the patient reads/), { target: { value: 'Do not bend your neck down to look at a phone.' } });
    await fireEvent.input(screen.getByLabelText('The same line in Spanish'), { target: { value: 'No baje la cabeza para mirar el teléfono.' } });
    await fireEvent.input(screen.getByLabelText('Why'), { target: { value: 'Phones.' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add to the changes' }));
    await waitFor(() => {
      const edit = calls.filter((c) => c.cmd === 'check_protocol_edit').at(-1)?.args.edit as ProtocolEdit;
      expect(edit.changes).toContainEqual(
        expect.objectContaining({ kind: 'line', text: 'Do not bend your neck down to look at a phone.', text_es: 'No baje la cabeza para mirar el teléfono.' }),
      );
    });
  });
});
