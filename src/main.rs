#[cfg(target_arch = "wasm32")]
fn main() {
    hotline::app::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    hotline::cli::main(restore_sigpipe)
}

/// Rust ignores SIGPIPE, so `hotline run ... | head` would panic on the
/// first write after `head` exits. Command-line tools should just stop, as
/// every other Unix tool does. Only those: a server (or the app hosting a
/// workshop) would be killed by a browser that drops a download halfway.
#[cfg(unix)]
fn restore_sigpipe() {
    unsafe extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: called once at start-up, before any thread exists; resetting
    // a signal to its default disposition has no other effect.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(all(not(unix), not(target_arch = "wasm32")))]
fn restore_sigpipe() {}
