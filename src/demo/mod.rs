//! Realistic synthetic data for trying the desk and for benchmarks.

pub mod names;
pub mod rng;
