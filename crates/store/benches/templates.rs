//! Template storage at scale: with 100,000 templates in a real SQLite file, listing,
//! searching and loading one must stay interactive.
//!
//! `cargo bench -p homeward-store --bench templates`

use std::hint::black_box;

use criterion::Criterion;
use homeward_core::{JobDemand, default_protocol};
use homeward_store::{ListQuery, Store, TemplateInput};

const TEMPLATES: usize = 100_000;

/// The file is filled once, in one transaction per 10,000, through the public API.
fn filled_store(dir: &std::path::Path) -> Store {
    let db = dir.join("bench.db");
    let _ = std::fs::remove_file(&db);
    let _ = std::fs::remove_file(db.with_extension("db-wal"));
    let p = default_protocol().expect("protocol");
    let mut s = Store::open(&db).expect("open");
    let procedures = [
        "microdiscectomy",
        "laminectomy",
        "acdf",
        "lumbar-fusion",
        "mis-lumbar-fusion",
        "alif",
        "lateral-fusion",
        "fibrin-disc-repair",
    ];
    let surgeons = [
        "Dr. Ana Rivera",
        "Dr. Ben Okafor",
        "Dr. Chen Wei",
        "Dr. Dana Moss",
    ];
    let start = std::time::Instant::now();
    let templates: Vec<TemplateInput> = (0..TEMPLATES)
        .map(|i| TemplateInput {
            name: format!("{} case {i:06} {}", procedures[i % 8], surgeons[i % 4]),
            procedure: procedures[i % 8].to_owned(),
            levels: Some(1),
            factors: if i % 3 == 0 {
                ["nicotine".to_owned()].into()
            } else {
                Default::default()
            },
            job: Some(JobDemand::ALL[i % 5]),
            surgeon: Some(surgeons[i % 4].to_owned()),
            edits: Vec::new(),
            language: None,
        })
        .collect();
    s.create_templates(&p, &templates).expect("fill");
    eprintln!(
        "filled {TEMPLATES} templates in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    s
}

fn main() {
    let dir = std::env::temp_dir().join(format!("homeward-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let store = filled_store(&dir);
    assert_eq!(store.template_count().expect("count"), TEMPLATES as i64);
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("templates-100k");
    g.bench_function("list first 50 by name", |b| {
        b.iter(|| {
            black_box(
                store
                    .list_templates(&ListQuery {
                        limit: Some(50),
                        ..Default::default()
                    })
                    .expect("list"),
            )
        })
    });
    g.bench_function("list all 100k names", |b| {
        b.iter(|| black_box(store.list_templates(&ListQuery::default()).expect("list")))
    });
    g.bench_function("search two words (top 50)", |b| {
        b.iter(|| {
            black_box(
                store
                    .list_templates(&ListQuery {
                        search: Some("acdf 0421".into()),
                        limit: Some(50),
                        ..Default::default()
                    })
                    .expect("search"),
            )
        })
    });
    g.bench_function("search by procedure (top 50)", |b| {
        b.iter(|| {
            black_box(
                store
                    .list_templates(&ListQuery {
                        procedure: Some("alif".into()),
                        limit: Some(50),
                        ..Default::default()
                    })
                    .expect("search"),
            )
        })
    });
    g.bench_function("load one by name", |b| {
        b.iter(|| {
            black_box(
                store
                    .template("lumbar-fusion case 054323 Dr. Dana Moss")
                    .expect("load")
                    .expect("found"),
            )
        })
    });
    g.finish();
    c.final_summary();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
