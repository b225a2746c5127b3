// The one place the page talks to the Rust side. Every command and payload type comes from
// bindings.ts, which is generated from the Rust types (a Rust test fails when it drifts).
import { invoke } from '@tauri-apps/api/core';
import type {
  AppError,
  BatchOptions,
  BatchProgress,
  BatchReport,
  CaseForm,
  Catalog,
  Documents,
  FileChange,
  HistoryRow,
  ImportReport,
  NewReview,
  Preview,
  ProtocolEdit,
  ProtocolScreen,
  Settings,
  ChosenList,
  TeachingForm,
  TemplateSummary,
  TranslationStatus,
} from '../bindings';

export const api = {
  catalog: () => invoke<Catalog>('catalog'),
  preview: (form: CaseForm) => invoke<Preview>('preview', { form }),
  packetPages: (form: CaseForm) => invoke<string[]>('packet_pages', { form }),
  careSheetPages: (form: CaseForm) => invoke<string[]>('care_sheet_pages', { form }),
  /**
   * Opens the save dialog (once: with both chosen, the care-team sheet goes beside the
   * packet); the paths written, the packet first, or null when the nurse cancels.
   */
  savePdf: (form: CaseForm, documents: Documents) =>
    invoke<string[] | null>('save_pdf', { form, documents }),
  /** Opens each document chosen in the system's PDF viewer; the paths written. */
  printPdf: (form: CaseForm, documents: Documents) =>
    invoke<string[]>('print_pdf', { form, documents }),
  templates: (search: string | null) => invoke<TemplateSummary[]>('templates', { search }),
  saveTemplate: (name: string, form: CaseForm) => invoke<void>('save_template', { name, form }),
  loadTemplate: (name: string, form: CaseForm) => invoke<CaseForm>('load_template', { name, form }),
  renameTemplate: (name: string, newName: string) =>
    invoke<void>('rename_template', { name, newName }),
  duplicateTemplate: (name: string, newName: string) =>
    invoke<void>('duplicate_template', { name, newName }),
  deleteTemplate: (name: string) => invoke<void>('delete_template', { name }),
  exportTemplates: () => invoke<number | null>('export_templates'),
  importTemplates: (onConflict: string, withSettings: boolean) =>
    invoke<ImportReport | null>('import_templates', { onConflict, withSettings }),
  settings: () => invoke<Settings>('settings'),
  setSetting: (key: string, value: string) => invoke<Settings>('set_setting', { key, value }),
  addSurgeon: (name: string, phone: string, makeDefault: boolean) =>
    invoke<Settings>('add_surgeon', { name, phone, makeDefault }),
  removeSurgeon: (name: string) => invoke<Settings>('remove_surgeon', { name }),
  history: () => invoke<HistoryRow[]>('history'),
  reprint: (id: number) => invoke<void>('reprint', { id }),
  deleteHistory: (id: number) => invoke<void>('delete_history', { id }),
  deleteAllHistory: () => invoke<number>('delete_all_history'),
  protocolScreen: (procedure: string, layer: string) =>
    invoke<ProtocolScreen>('protocol_screen', { procedure, layer }),
  checkProtocolEdit: (edit: ProtocolEdit) => invoke<ProtocolScreen>('check_protocol_edit', { edit }),
  saveProtocolEdit: (edit: ProtocolEdit, reason: string) =>
    invoke<number>('save_protocol_edit', { edit, reason }),
  compareProtocolVersions: (from: number, to: number) =>
    invoke<FileChange[]>('compare_protocol_versions', { from, to }),
  restoreProtocolVersion: (number: number, by: string) =>
    invoke<number>('restore_protocol_version', { number, by }),
  approveProtocolVersion: (number: number, by: string, reviewMonths: number) =>
    invoke<void>('approve_protocol_version', { number, by, reviewMonths }),
  translationStatus: (language: string) =>
    invoke<TranslationStatus>('translation_status', { language }),
  recordTranslationReview: (review: NewReview) =>
    invoke<TranslationStatus>('record_translation_review', { review }),
  chartNote: (form: CaseForm, teaching: TeachingForm) =>
    invoke<string>('chart_note', { form, teaching }),
  /** Opens the save dialog; the path written, or null when the nurse cancels. */
  saveFhir: (form: CaseForm, teaching: TeachingForm) =>
    invoke<string | null>('save_fhir', { form, teaching }),
  saveCalendar: (form: CaseForm, withName: boolean) =>
    invoke<string | null>('save_calendar', { form, withName }),
  /** Opens the file dialog and checks every row; null when the nurse cancels. */
  chooseBatchFile: (nurse: string) => invoke<ChosenList | null>('choose_batch_file', { nurse }),
  chooseBatchFolder: () => invoke<string | null>('choose_batch_folder'),
  runBatch: (path: string, options: BatchOptions) =>
    invoke<BatchReport>('run_batch', { path, options }),
  batchProgress: () => invoke<BatchProgress>('batch_progress'),
};

/** The message of whatever a command rejected with. */
export function errorMessage(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'message' in e) return String((e as AppError).message);
  return String(e);
}

/** The field errors a command rejected with, if any. */
export function errorFields(e: unknown): AppError['fields'] {
  if (e && typeof e === 'object' && 'fields' in e && Array.isArray((e as AppError).fields)) {
    return (e as AppError).fields;
  }
  return [];
}
