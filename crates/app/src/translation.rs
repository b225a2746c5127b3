//! Whether a qualified medical translator has reviewed the text a packet in a language
//! prints: the protocol in use (with every surgeon's orders) and the packet's own words. A
//! review covers the exact texts it was recorded for (their SHA-256); once a line changes, the
//! status says the text changed since the last review.

use homeward_core::Protocol;
use homeward_store::{NewReview, Store, TranslationReview, sha256_hex};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError};

/// The review status of one language's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TranslationStatus {
    /// The language (`es`).
    pub language: String,
    /// The review of exactly the texts in use, when one is recorded.
    pub reviewed: Option<TranslationReview>,
    /// Otherwise, the newest review of earlier texts: the text has changed since.
    pub earlier: Option<TranslationReview>,
    /// What the nurse is told before printing, while the text is not reviewed.
    pub warning: Option<String>,
}

/// The SHA-256 of every text a packet in `language` can print: the protocol's, each
/// surgeon's orders over it (`protocols`: the protocol first), and the packet's own words.
#[must_use]
pub fn texts_sha256(protocols: &[&Protocol], language: &str) -> String {
    let mut all = String::new();
    for p in protocols {
        all.push_str(&p.text_digest(language));
        all.push('\n');
    }
    all.push_str(&homeward_pdf::wording_text(language));
    sha256_hex(all.as_bytes())
}

/// The review status of `language` for the texts whose digest is `digest`.
///
/// # Errors
/// The database cannot be read.
pub fn review_status(
    store: &Store,
    digest: &str,
    language: &str,
) -> Result<TranslationStatus, AppError> {
    let reviews = store.translation_reviews(language)?;
    let reviewed = reviews.iter().find(|r| r.texts_sha256 == digest).cloned();
    let earlier = if reviewed.is_none() {
        reviews.into_iter().next()
    } else {
        None
    };
    let warning = match (&reviewed, &earlier) {
        (Some(_), _) => None,
        (None, None) => Some(
            "This language's text has not been reviewed by a qualified medical translator. Go through the packet with the patient and a qualified medical interpreter; the care-team sheet says so too."
                .to_owned(),
        ),
        (None, Some(r)) => Some(format!(
            "This language's text has changed since {} reviewed it on {}. Go through the packet with a qualified medical interpreter, and ask the clinical lead for a new review.",
            r.review.reviewer, r.review.reviewed_on
        )),
    };
    Ok(TranslationStatus {
        language: language.to_owned(),
        reviewed,
        earlier,
        warning,
    })
}

impl App {
    /// The SHA-256 of every text a packet in `language` can print.
    pub(crate) fn texts_sha256(&self, language: &str) -> String {
        let all: Vec<&Protocol> = std::iter::once(&self.protocol)
            .chain(&self.ordered)
            .collect();
        texts_sha256(&all, language)
    }

    /// The review status of `language`; English, the protocol's own, needs none.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn translation_status(&self, language: &str) -> Result<TranslationStatus, AppError> {
        if self
            .protocol
            .languages
            .first()
            .is_some_and(|l| l == language)
        {
            return Ok(TranslationStatus {
                language: language.to_owned(),
                reviewed: None,
                earlier: None,
                warning: None,
            });
        }
        review_status(&self.store, &self.texts_sha256(language), language)
    }

    /// Records that a qualified medical translator reviewed the texts now in use.
    ///
    /// # Errors
    /// A field that is empty, too long or not allowed, naming it.
    pub fn record_translation_review(
        &mut self,
        review: &NewReview,
        today: chrono::NaiveDate,
    ) -> Result<TranslationStatus, AppError> {
        if !self.protocol.languages.contains(&review.language) {
            return Err(AppError::message(format!(
                "language: the protocol has no `{}` text; allowed: {}",
                review.language,
                self.protocol.languages[1..].join(", ")
            )));
        }
        let digest = self.texts_sha256(&review.language);
        let version = self.protocol.version.clone();
        self.store
            .record_translation_review(review, &digest, &version, today)?;
        self.translation_status(&review.language)
    }
}

impl App {
    /// The review the care-team sheet names for a packet printed from `record`, when the
    /// texts it prints have one.
    pub(crate) fn review_note(
        &self,
        record: &homeward_store::PacketRecord,
    ) -> Option<homeward_pdf::ReviewNote> {
        let language = record.plan.language.as_deref()?;
        let r = self.translation_status(language).ok()?.reviewed?;
        Some(homeward_pdf::ReviewNote {
            reviewer: r.review.reviewer,
            credential: r.review.credential,
            on: r.review.reviewed_on,
        })
    }
}
