//! Cross-crate integration tests, one binary with a module per area (ripgrep's layout).
//! `util` holds the small helpers: a temporary directory and a command runner for the
//! real `homeward` binary.

mod cli_batch;
mod cli_concurrent;
mod cli_export;
mod cli_packet;
mod cli_plan;
mod cli_protocol;
mod cli_spanish;
mod cli_store;
mod cli_surgeon;
mod util;
