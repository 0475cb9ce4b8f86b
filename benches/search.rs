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

/// Times each query `RUNS` times. On a shared machine a single timing includes whatever else
/// ran meanwhile, so the table shows both the first run of each query and the best of the
/// runs, which is the search's own cost.
const RUNS: usize = 5;

fn per_length_table(source: &MemorySource) {
    let mut rng = Rng::new(99);
    println!(
        "name search, {} clients, top 50, {QUERIES_PER_LENGTH} queries per length",
        source.len()
    );
    println!("chars | first run: p50 ms  p99 ms | best of {RUNS}: p50 ms  p99 ms  max ms");
    for len in 1..=12 {
        let queries = typed_queries(len, &mut rng);
        let mut first: Vec<Duration> = Vec::new();
        let mut best: Vec<Duration> = Vec::new();
        for q in &queries {
            let times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    let hits = search(source, q, 50, false);
                    black_box(hits.map(|h| h.len()).unwrap_or_else(|e| match e {}));
                    start.elapsed()
                })
                .collect();
            first.push(times[0]);
            best.push(times.iter().copied().min().unwrap_or_default());
        }
        first.sort();
        best.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{len:>5} | {:>15.3} {:>7.3} | {:>15.3} {:>7.3} {:>7.3}",
            ms(percentile(&first, 0.5)),
            ms(percentile(&first, 0.99)),
            ms(percentile(&best, 0.5)),
            ms(percentile(&best, 0.99)),
            ms(percentile(&best, 1.0)),
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
