/// mimalloc rather than the system's allocator: glibc keeps the memory each thread's work took
/// (every sign-in's 19 MiB argon2 hash stayed in the process for good); mimalloc gives it back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kehoachso::cli::main()
}
