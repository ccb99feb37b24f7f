#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod net;
pub mod report;
pub mod scenario;
pub mod sim;
