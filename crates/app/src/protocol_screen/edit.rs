//! Writing the lead's changes into a layer's table, in the layer format the engine reads.

use homeward_core::{JobDemand, Protocol};
use toml::{Table, Value};

use super::ProtocolChange;

/// Writes one change into a layer's table; the error is the message for the change.
///
/// `protocol` is the one the change is made to (the layer's own applied), so a source the
/// layer already has may be cited; `layer` prefixes the id of a source made from a reason.
pub(super) fn apply_change(
    table: &mut Table,
    procedure: &str,
    change: &ProtocolChange,
    by: &str,
    protocol: &Protocol,
    layer: &str,
) -> Result<(), String> {
    let Some(pr) = protocol.procedure(procedure) else {
        return Err(format!("no procedure `{procedure}`"));
    };
    let (source, reason) = match change {
        ProtocolChange::Number { source, reason, .. }
        | ProtocolChange::Line { source, reason, .. } => (source.trim(), reason.trim()),
    };
    if reason.is_empty() {
        return Err("say why: the reason is kept with the change".to_owned());
    }
    // A phase's start day cites no source of its own: nothing to make.
    let needs_source = !matches!(change, ProtocolChange::Number { field, .. } if field.ends_with(".start_day") && field.starts_with("phase["));
    // Without a source, the change's reason is its source: an order of the clinic's (or
    // the surgeon's), initialled. Its id is new to the protocol and to the layer's file.
    let source = if !needs_source {
        String::new()
    } else if source.is_empty() {
        let sources = table
            .entry("source")
            .or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(list) = sources else {
            return Err("the layer's sources are not a list".to_owned());
        };
        let taken = |id: &str| {
            protocol.sources.contains_key(id)
                || list
                    .iter()
                    .any(|x| x.get("id").and_then(Value::as_str) == Some(id))
        };
        let id = (1..)
            .map(|n| format!("{layer}-{procedure}-{}-{n}", by.to_lowercase()))
            .find(|id| !taken(id))
            .expect("some number is free");
        let mut s = Table::new();
        s.insert("id".into(), id.clone().into());
        s.insert("kind".into(), "orders".into());
        s.insert(
            "citation".into(),
            format!("Set by {by} in the Protocol screen: {reason}").into(),
        );
        list.push(Value::Table(s));
        id
    } else {
        if !protocol.sources.contains_key(source) {
            return Err(format!(
                "source `{source}` is not in the protocol's sources"
            ));
        }
        source.to_owned()
    };
    let proc = table
        .entry("procedure")
        .or_insert_with(|| Value::Table(Table::new()));
    let Value::Table(procs) = proc else {
        return Err("the layer's procedures are not a table".to_owned());
    };
    let Value::Table(p) = procs
        .entry(procedure.to_owned())
        .or_insert_with(|| Value::Table(Table::new()))
    else {
        return Err(format!("procedure.{procedure} is not a table"));
    };
    match change {
        ProtocolChange::Number { field, value, .. } => {
            // The reason goes with a day only when it leaves its published range.
            let range = timing_of(pr, field).and_then(|t| t.range.as_ref());
            let outside = range.is_some_and(|r| !r.contains(*value));
            set_number(p, field, *value, &source, outside.then_some(reason))
        }
        ProtocolChange::Line {
            phase,
            list,
            activity,
            text,
            text_es,
            ..
        } => {
            if !["goal", "can", "avoid"].contains(&list.as_str()) {
                return Err(format!("list `{list}`: allowed: goal, can, avoid"));
            }
            let patch = phase_patch(p, *phase)?;
            let lines = patch
                .entry(list.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(lines) = lines else {
                return Err("the patch's lines are not a list".to_owned());
            };
            let activity = Value::try_from(activity).map_err(|e| e.to_string())?;
            let mut line = Table::new();
            line.insert("activity".into(), activity.clone());
            let text: Value = if text_es.trim().is_empty() {
                text.trim().into()
            } else {
                let mut by_language = Table::new();
                by_language.insert("en".into(), text.trim().into());
                by_language.insert("es".into(), text_es.trim().into());
                Value::Table(by_language)
            };
            line.insert("text".into(), text);
            line.insert("source".into(), source.into());
            match lines
                .iter_mut()
                .find(|l| l.get("activity") == Some(&activity))
            {
                Some(old) => *old = Value::Table(line),
                None => lines.push(Value::Table(line)),
            }
            Ok(())
        }
    }
}

/// Sets a number and its source (and, for a day, the reason it may leave its range).
fn set_number(
    p: &mut Table,
    field: &str,
    value: u32,
    source: &str,
    outside_reason: Option<&str>,
) -> Result<(), String> {
    let v = Value::Integer(i64::from(value));
    if let Some(rest) = field.strip_prefix("phase[") {
        let (index, key) = rest
            .split_once("].")
            .ok_or_else(|| format!("unknown field `{field}`"))?;
        let index: usize = index
            .parse()
            .map_err(|_| format!("unknown field `{field}`"))?;
        let patch = phase_patch(p, index)?;
        match key {
            "lifting_limit_lb" => {
                patch.insert("lifting_limit_lb".into(), v);
                patch.insert("lifting_source".into(), source.into());
            }
            "start_day" => {
                patch.insert("start_day".into(), v);
            }
            _ => {
                return Err(format!(
                    "unknown field `{field}`; a phase's numbers are start_day and lifting_limit_lb"
                ));
            }
        }
        return Ok(());
    }
    let path: Vec<&str> = match field {
        "driving.day" => vec!["driving"],
        "pt.start.day" => vec!["pt", "start"],
        f => match f
            .strip_prefix("return_to_work.")
            .and_then(|j| j.strip_suffix(".day"))
        {
            Some(job)
                if JobDemand::ALL
                    .iter()
                    .any(|d| d.id().replace('-', "_") == job) =>
            {
                vec!["return_to_work", job]
            }
            _ => {
                return Err(format!(
                    "unknown field `{field}`; allowed: driving.day, pt.start.day, return_to_work.<job>.day, phase[N].start_day, phase[N].lifting_limit_lb"
                ));
            }
        },
    };
    let mut t = p;
    for key in path {
        let next = t
            .entry(key.to_owned())
            .or_insert_with(|| Value::Table(Table::new()));
        let Value::Table(inner) = next else {
            return Err(format!("`{key}` is not a table"));
        };
        t = inner;
    }
    t.insert("day".into(), v);
    t.insert("source".into(), source.into());
    match outside_reason {
        Some(r) => t.insert("outside_range_reason".into(), r.into()),
        None => t.remove("outside_range_reason"),
    };
    Ok(())
}

/// The timing a change's field names, in the procedure as it stands.
fn timing_of<'a>(
    p: &'a homeward_core::Procedure,
    field: &str,
) -> Option<&'a homeward_core::Timing> {
    match field {
        "driving.day" => Some(&p.driving),
        "pt.start.day" => Some(&p.pt.start),
        f => {
            let job = f.strip_prefix("return_to_work.")?.strip_suffix(".day")?;
            JobDemand::ALL
                .into_iter()
                .find(|d| d.id().replace('-', "_") == job)
                .map(|d| p.return_to_work.get(d))
        }
    }
}

/// The layer's patch for phase `index`, made when there is none.
fn phase_patch(p: &mut Table, index: usize) -> Result<&mut Table, String> {
    let patches = p
        .entry("phase_patch")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(list) = patches else {
        return Err("phase_patch is not a list".to_owned());
    };
    let at = list
        .iter()
        .position(|x| x.get("phase").and_then(Value::as_integer) == i64::try_from(index).ok());
    let at = match at {
        Some(a) => a,
        None => {
            let mut t = Table::new();
            t.insert(
                "phase".into(),
                Value::Integer(i64::try_from(index).map_err(|e| e.to_string())?),
            );
            list.push(Value::Table(t));
            list.len() - 1
        }
    };
    match &mut list[at] {
        Value::Table(t) => Ok(t),
        _ => Err("a phase patch is not a table".to_owned()),
    }
}
