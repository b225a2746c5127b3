// Shared by the screens' tests: Tauri's IPC mocked with real engine output (the fixtures are
// written by a Rust test), filling the fusion case, and axe-core.
import { expect } from 'vitest';
import { fireEvent, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import axe from 'axe-core';
import type { CaseForm } from '../src/bindings';
import catalog from './fixtures/catalog.json';
import fusion from './fixtures/preview-fusion.json';
import dischargeBefore from './fixtures/preview-discharge-before-surgery.json';
import settingsJson from './fixtures/settings.json';

export type Call = { cmd: string; args: Record<string, unknown> };

/** Mocks the Rust side; the preview answers like the engine for the two fixture cases. */
export function backend(overrides: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: Call[] = [];
  let settings = { ...settingsJson, clinic_phone: '(555) 777-0199' };
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (overrides[cmd]) return overrides[cmd](a);
    switch (cmd) {
      case 'catalog':
        return catalog;
      case 'settings':
        return settings;
      case 'set_setting':
        settings = { ...settings, [String(a.key).replace(/-/g, '_')]: a.value === 'on' ? true : a.value === 'off' ? false : a.value };
        return settings;
      case 'preview': {
        const f = a.form as CaseForm;
        if (!f.procedure) {
          return { plan: null, errors: [{ field: 'procedure', message: 'is required: pick a procedure' }], printable: false };
        }
        if (f.discharge_date < f.surgery_date) return dischargeBefore;
        return f.patient_name
          ? fusion
          : { ...fusion, printable: false, errors: [{ field: 'patient_name', message: 'is required to print' }] };
      }
      case 'templates':
        return [];
      case 'history':
        return [];
      default:
        return null;
    }
  });
  return calls;
}

export const lastForm = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'preview').at(-1)!.args.form as CaseForm;

export async function fillFusionCase() {
  await fireEvent.input(await screen.findByLabelText(/Patient name/), { target: { value: 'Maria Gonzalez' } });
  await fireEvent.click(screen.getByRole('radio', { name: /^Open lumbar fusion/ }));
  await fireEvent.change(screen.getByLabelText('Levels fused'), { target: { value: '2' } });
  await fireEvent.click(screen.getByRole('checkbox', { name: /smok|nicotine/i }));
  await fireEvent.click(screen.getByRole('checkbox', { name: /diabetes/i }));
  await fireEvent.change(screen.getByLabelText('Job demand'), { target: { value: 'heavy' } });
  await fireEvent.input(screen.getByLabelText('Surgery date'), { target: { value: '2026-12-01' } });
  await fireEvent.input(screen.getByLabelText('Discharge date'), { target: { value: '2026-12-03' } });
}

/** axe-core over the whole filled form takes seconds in jsdom, more on a busy 2-core machine. */
export const AXE_MS = 20_000;

export async function noAxeViolations(container: Element) {
  // jsdom has no layout, so colour contrast is checked in the real window (tests/e2e).
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}

