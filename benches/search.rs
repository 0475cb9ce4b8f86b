//! Name search at 100,000 demo clients (issue 5): one typed query, from normalisation to the
//! top 50, for queries of 1 to 12 characters as the desk re-ranks on every keystroke.
//! Prints p50/p99 per query length (goal: p99 under 5 ms), then runs criterion on a few
//! typical queries.
//!
//! `cargo bench --bench search`

use criterion::{Criterion, criterion_group};
use spreekuur::demo::names::demo_name;
use spreekuur::demo::rng::Rng;
use spreekuur::search::memory::MemorySource;
use spreekuur::search::search;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLIENTS: u64 = 100_000;
const QUERIES_PER_LENGTH: usize = 200;

/// Queries as the desk sees them while someone types: prefixes of 1 to 12 characters of demo
/// names (other people than those stored, same name pools), with a year now and then.
fn typed_queries(len: usize, rng: &mut Rng) -> Vec<String> {
    (0..QUERIES_PER_LENGTH)
        .map(|i| {
            let mut name = demo_name(rng).name;
            if i % 5 == 0 {
                name = format!("{name} {}", 1950 + rng.below(60));
            }
            name.chars().take(len).collect::<String>()
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn per_length_table(source: &MemorySource) {
    let mut rng = Rng::new(99);
    println!("name search, {} clients, top 50", source.len());
    println!("chars   p50 ms   p99 ms   max ms");
    for len in 1..=12 {
        let queries = typed_queries(len, &mut rng);
        let mut times: Vec<Duration> = queries
            .iter()
            .map(|q| {
                let start = Instant::now();
                let hits = search(source, q, 50, false);
                black_box(hits.map(|h| h.len()).unwrap_or_else(|e| match e {}));
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{len:>5} {:>8.3} {:>8.3} {:>8.3}",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            percentile(&times, 1.0).as_secs_f64() * 1e3,
        );
    }
}

fn bench(c: &mut Criterion) {
    let start = Instant::now();
    let source = MemorySource::with_demo_clients(CLIENTS, 7);
    println!("built {} clients in {:.1?}", source.len(), start.elapsed());
    per_length_table(&source);
    let mut group = c.benchmark_group("search");
    for q in [
        "m",
        "moh",
        "moham al",
        "Mohammed Ali",
        "hassan 1986",
        "Maxamed Cabdi",
    ] {
        group.bench_function(q, |b| {
            b.iter(|| search(&source, black_box(q), 50, false).unwrap_or_else(|e| match e {}))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = bench
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
