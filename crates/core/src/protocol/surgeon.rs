//! The layers over the built-in protocol: the clinic's changes and a surgeon's orders, and
//! which values each one set.

use serde::{Deserialize, Serialize};

use super::base::stem;
use super::layer::{self, SurgeonLayer};
use super::{Procedure, Protocol, validate};
use crate::error::ProtocolError;

/// The surgeon whose orders a protocol (and so a plan) follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SurgeonRef {
    /// The file's stem, as `--surgeon` names it.
    pub id: String,
    /// The surgeon's name, as printed.
    pub name: String,
}

/// A layer above the built-in protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Layer {
    /// The clinic's own protocol, where it differs from the built-in one.
    Clinic,
    /// A surgeon's orders.
    Surgeon(SurgeonRef),
}

/// A value a layer set, instead of the one below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetBy {
    /// The field in the procedure's file, as a dotted path (`driving.day`,
    /// `phase[0].lifting_limit_lb`, `phase[1].avoid[bending].text`).
    pub field: String,
    /// Who set it.
    pub layer: Layer,
}

/// A validation error found in the combined procedure, reported in the layer's file.
fn in_layer(e: ProtocolError, layer_file: &str) -> ProtocolError {
    match e {
        ProtocolError::Invalid {
            procedure,
            field,
            message,
            ..
        } => ProtocolError::Invalid {
            file: layer_file.to_owned(),
            procedure,
            field,
            message,
        },
        ProtocolError::Parse { message, .. } => ProtocolError::Parse {
            file: layer_file.to_owned(),
            message,
        },
        other => other,
    }
}

/// A name as matched against surgeons' files: letters and digits only, lower case, so
/// "Dr. Ana Patel", "dr ana patel" and "DR ANA PATEL" are one surgeon.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Protocol {
    /// The surgeon's orders for `name`: the file whose id or surgeon's name it is, ignoring
    /// case, spaces and punctuation.
    #[must_use]
    pub fn surgeon_named(&self, name: &str) -> Option<&SurgeonLayer> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        self.surgeons
            .iter()
            .find(|s| key(&s.id) == k || key(&s.name) == k)
    }

    /// This protocol with the orders of the surgeon named `name`, when it has them; `None`
    /// when there is no name or no orders for it (the protocol applies as it is).
    ///
    /// # Errors
    /// As for [`Protocol::with_surgeon`] (already checked when the protocol loaded).
    pub fn ordered_by(&self, name: Option<&str>) -> Result<Option<Protocol>, ProtocolError> {
        match name.and_then(|n| self.surgeon_named(n)) {
            Some(s) => self.with_surgeon(&s.id).map(Some),
            None => Ok(None),
        }
    }

    /// This protocol with `id`'s orders over it: every procedure the surgeon's file names is
    /// merged, parsed and validated again, and records which values the surgeon set.
    ///
    /// # Errors
    /// No surgeon with this id (the message lists those there are), or orders that break
    /// the protocol's rules, naming the surgeon's file, the procedure and the field.
    pub fn with_surgeon(&self, id: &str) -> Result<Protocol, ProtocolError> {
        let Some(layer) = self.surgeons.iter().find(|s| s.id == id) else {
            return Err(ProtocolError::UnknownSurgeon {
                given: id.to_owned(),
                allowed: if self.surgeons.is_empty() {
                    "none (this protocol has no surgeons' orders)".to_owned()
                } else {
                    self.surgeons
                        .iter()
                        .map(|s| format!("{} ({})", s.id, s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            });
        };
        let who = Layer::Surgeon(SurgeonRef {
            id: layer.id.clone(),
            name: layer.name.clone(),
        });
        let mut out = self.with_layer(layer, &who)?;
        out.surgeon = Some(SurgeonRef {
            id: layer.id.clone(),
            name: layer.name.clone(),
        });
        Ok(out)
    }

    /// This protocol with `layer` merged over its procedures, each re-validated; errors
    /// name the layer's file. `who` is recorded on every value the layer sets.
    pub(super) fn with_layer(
        &self,
        layer: &SurgeonLayer,
        who: &Layer,
    ) -> Result<Protocol, ProtocolError> {
        let mut out = self.clone();
        self.add_layer_sources(&mut out, layer)?;
        for (pid, changes) in &layer.procedures {
            let invalid = |field: String, message: String| ProtocolError::Invalid {
                file: layer.file.clone(),
                procedure: Some(pid.clone()),
                field,
                message,
            };
            let Some(pos) = out.tables.iter().position(|(f, _)| stem(f) == pid) else {
                return Err(invalid(
                    "procedure".to_owned(),
                    format!(
                        "no procedure `{pid}`; allowed: {}",
                        out.tables
                            .iter()
                            .map(|(f, _)| stem(f))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            let (file, below) = out.tables[pos].clone();
            let merged = layer::apply(&below, changes).map_err(|(f, m)| invalid(f, m))?;
            let mut p: Procedure =
                merged
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ProtocolError::Parse {
                        file: layer.file.clone(),
                        message: format!(
                            "procedure `{pid}`: {}",
                            e.to_string().trim_end().replace('\n', " ")
                        ),
                    })?;
            let missing = std::cell::RefCell::new(super::rules::TextLog::default());
            out.validate_procedure(&file, &p, &missing)
                .map_err(|e| in_layer(e, &layer.file))?;
            // A text still missing from the file below keeps its place; one the layer
            // wrote without every language is the layer's to fix.
            let below_missing: Vec<_> = out
                .untranslated
                .iter()
                .filter(|u| u.procedure.as_deref() == Some(pid.as_str()))
                .cloned()
                .collect();
            out.untranslated
                .retain(|u| u.procedure.as_deref() != Some(pid.as_str()));
            let log = missing.into_inner();
            out.texts
                .retain(|(proc, _, _)| proc.as_deref() != Some(pid.as_str()));
            out.texts.extend(log.texts);
            out.untranslated
                .extend(log.missing.into_iter().map(|mut u| {
                    if !below_missing
                        .iter()
                        .any(|b| b.field == u.field && b.language == u.language)
                    {
                        u.file.clone_from(&layer.file);
                    }
                    u
                }));
            let old = out
                .procedures
                .iter()
                .position(|q| q.id == p.id)
                .expect("every resolved table was parsed into a procedure");
            let set: Vec<String> = layer::changed(&below, &merged);
            let mut set_by: Vec<SetBy> = out.procedures[old]
                .set_by
                .iter()
                .filter(|s| !set.contains(&s.field))
                .cloned()
                .collect();
            set_by.extend(set.into_iter().map(|field| SetBy {
                field,
                layer: who.clone(),
            }));
            p.set_by = set_by;
            out.procedures[old] = p;
            out.tables[pos].1 = merged;
        }
        out.validate_ids_unique()
            .and_then(|()| out.validate_normal_bounds())
            .map_err(|e| in_layer(e, &layer.file))?;
        Ok(out)
    }

    /// Adds a layer's citations; an id the protocol already has is an error.
    fn add_layer_sources(
        &self,
        out: &mut Protocol,
        layer: &SurgeonLayer,
    ) -> Result<(), ProtocolError> {
        let mut added = validate::sources(&layer.file, layer.sources.clone())?;
        for (i, id) in layer.sources.iter().map(|s| s.id.clone()).enumerate() {
            let s = added.remove(&id).expect("validated above");
            if out.sources.contains_key(&id) {
                return Err(ProtocolError::Invalid {
                    file: layer.file.clone(),
                    procedure: None,
                    field: format!("source[{i}].id"),
                    message: format!(
                        "`{id}` is already a source of the protocol; cite it as it is, or give yours a new id"
                    ),
                });
            }
            out.sources.insert(id, s);
        }
        Ok(())
    }

    /// Records, on every procedure, the values in which this protocol (the clinic's) differs
    /// from `below` (the built-in one); a procedure `below` lacks is the clinic's throughout.
    pub fn mark_clinic_changes(&mut self, below: &Protocol) {
        for (file, table) in &self.tables {
            let fields = match below.tables.iter().find(|(f, _)| f == file) {
                Some((_, old)) => layer::changed(old, table),
                None => vec!["(procedure)".to_owned()],
            };
            if let Some(p) = self.procedures.iter_mut().find(|p| p.id == stem(file)) {
                p.set_by = fields
                    .into_iter()
                    .map(|field| SetBy {
                        field,
                        layer: Layer::Clinic,
                    })
                    .collect();
            }
        }
    }
}
