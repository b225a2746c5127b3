// What the window holds while it is open: the catalog, the form, its live preview and the
// settings. Screens read and change it; the preview follows every change of the form.
import type { CaseForm, Catalog, Documents, Preview, Settings } from '../bindings';
import { api, errorMessage } from './api';
import { isoDate, newForm } from './form';

export type Screen = 'packet' | 'batch' | 'templates' | 'settings' | 'history' | 'protocol';

export class Session {
  // The catalog, the settings and the preview come whole from the app and are only ever
  // replaced, never changed in place: raw state, so the page holds them as plain objects
  // rather than a reactive proxy for every field of every plan line.
  catalog = $state.raw<Catalog | null>(null);
  settings = $state.raw<Settings | null>(null);
  form = $state<CaseForm>(newForm(isoDate(new Date())));
  preview = $state.raw<Preview | null>(null);
  /** What Save PDF and Print make: the patient's packet, the care-team sheet, or both. */
  documents = $state<Documents>({ packet: true, care_sheet: true });
  screen = $state<Screen>('packet');
  /** A message for the whole window (the database could not be opened, …). */
  fatal = $state<string | null>(null);
  /** Why the last preview failed (shown in the preview panel; the form stays). */
  previewError = $state<string | null>(null);
  /** A short status line, announced to screen readers. */
  status = $state('');
  #seq = 0;

  async start(): Promise<void> {
    try {
      const [catalog, settings] = await Promise.all([api.catalog(), api.settings()]);
      this.catalog = catalog;
      this.settings = settings;
      const def = settings.surgeons.find((s) => s.is_default);
      if (def && this.form.surgeon === '') this.form = { ...this.form, surgeon: def.name };
    } catch (e) {
      this.fatal = errorMessage(e);
    }
  }

  /** Asks for the preview of the form as it is now; an older answer never replaces a newer. */
  async refresh(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const p = await api.preview($state.snapshot(this.form) as CaseForm);
      if (seq === this.#seq) {
        this.preview = p;
        this.previewError = null;
      }
    } catch (e) {
      if (seq === this.#seq) this.previewError = errorMessage(e);
    }
  }

  /** Starts a new patient: the form is cleared, the default surgeon picked. */
  reset(): void {
    const def = this.settings?.surgeons.find((s) => s.is_default);
    this.form = newForm(isoDate(new Date()), def?.name ?? '');
    this.status = 'New packet: the form is empty.';
  }

  formSnapshot(): CaseForm {
    return $state.snapshot(this.form) as CaseForm;
  }
}
