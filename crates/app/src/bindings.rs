//! The TypeScript declarations of the types the UI exchanges.

use homeward_core::PlanEdit;
use homeward_store::TemplateInput;
use ts_rs::TS;

use crate::{
    AppError, BookingForm, CaseForm, Catalog, Documents, FactorOption, FieldError, HistoryRow,
    ImportReport, JobDemand, JobOption, Plan, Preview, ProcedureOption, Settings, Template,
    TemplateSummary,
};

/// The TypeScript declarations of every type the UI exchanges, as one module. The committed
/// copy is `ui/src/bindings.ts`; a test fails when they differ.
#[must_use]
pub fn typescript() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        Catalog::decl(&cfg),
        ProcedureOption::decl(&cfg),
        FactorOption::decl(&cfg),
        JobOption::decl(&cfg),
        CaseForm::decl(&cfg),
        crate::TranslationStatus::decl(&cfg),
        homeward_store::TranslationReview::decl(&cfg),
        homeward_store::NewReview::decl(&cfg),
        Documents::decl(&cfg),
        BookingForm::decl(&cfg),
        Preview::decl(&cfg),
        FieldError::decl(&cfg),
        AppError::decl(&cfg),
        Plan::decl(&cfg),
        homeward_core::PlanPhase::decl(&cfg),
        homeward_core::ChartNames::decl(&cfg),
        homeward_core::Line::decl(&cfg),
        homeward_core::Milestone::decl(&cfg),
        homeward_core::WorkMilestone::decl(&cfg),
        homeward_core::FullDuty::decl(&cfg),
        homeward_core::WarningSign::decl(&cfg),
        homeward_core::FollowUp::decl(&cfg),
        homeward_core::AppliedFactor::decl(&cfg),
        homeward_core::Section::decl(&cfg),
        homeward_core::NurseNote::decl(&cfg),
        homeward_core::SourceRef::decl(&cfg),
        homeward_core::ProcedureRef::decl(&cfg),
        homeward_core::SurgeonRef::decl(&cfg),
        homeward_core::SetBy::decl(&cfg),
        homeward_core::Layer::decl(&cfg),
        homeward_core::PublishedRange::decl(&cfg),
        PlanEdit::decl(&cfg),
        HistoryRow::decl(&cfg),
        ImportReport::decl(&cfg),
        homeward_core::EditTarget::decl(&cfg),
        JobDemand::decl(&cfg),
        homeward_core::Activity::decl(&cfg),
        homeward_core::Region::decl(&cfg),
        homeward_core::Kind::decl(&cfg),
        homeward_core::Evidence::decl(&cfg),
        homeward_core::Urgency::decl(&cfg),
        TemplateSummary::decl(&cfg),
        Template::decl(&cfg),
        TemplateInput::decl(&cfg),
        Settings::decl(&cfg),
        homeward_store::Surgeon::decl(&cfg),
        crate::ProtocolScreen::decl(&cfg),
        crate::NumberRow::decl(&cfg),
        crate::LineRow::decl(&cfg),
        crate::PhaseRow::decl(&cfg),
        crate::VersionRow::decl(&cfg),
        crate::ProtocolChange::decl(&cfg),
        crate::ProtocolEdit::decl(&cfg),
        crate::FileChange::decl(&cfg),
        crate::TeachingForm::decl(&cfg),
        crate::BatchOptions::decl(&cfg),
        crate::BatchReport::decl(&cfg),
        crate::BatchFile::decl(&cfg),
        crate::RowError::decl(&cfg),
        crate::BatchProgress::decl(&cfg),
        crate::ChosenList::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by homeward-app (ts-rs). Do not edit by hand:\n// `UPDATE_EXPECT=1 cargo test -p homeward-app --test app` rewrites it.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_owned() + "\n"
}
