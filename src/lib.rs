pub mod app;
pub mod cli;
pub mod scenario;
pub mod sim;
