//! The memory allocator, where it differs from the system's: the static build on musl
//! (scripts/build-static) uses mimalloc, since musl's own allocator made the cohort commands,
//! which read sheets on every core at once, two to three times slower (README, "Design
//! decisions"). Every other build uses the C library's allocator.

#[cfg(all(target_env = "musl", target_pointer_width = "64"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
