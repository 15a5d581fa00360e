//! A check, run first, that the CPU can execute the instructions this binary
//! was compiled for.
//!
//! The workspace builds x86-64 code for the x86-64-v3 level (`.cargo/config.toml`).
//! Started on an older CPU, such a binary would die of an illegal instruction
//! somewhere in the tagger; this check reports it up front, with the fix.

/// `Err` with an explanation when the binary needs CPU features this machine
/// lacks.
///
/// The check reads CPUID directly: `is_x86_feature_detected!` answers `true`
/// at compile time for every feature the build enables, which is exactly the
/// case to be checked here.
pub fn check() -> Result<(), String> {
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    {
        use std::arch::x86_64::{__cpuid, __cpuid_count};
        let bit = |reg: u32, n: u32| (reg >> n) & 1 == 1;
        let max_leaf = __cpuid(0).eax;
        let leaf1 = __cpuid(1);
        let leaf7 = if max_leaf >= 7 {
            __cpuid_count(7, 0)
        } else {
            __cpuid(0)
        };
        let missing: Vec<&str> = [
            ("AVX", bit(leaf1.ecx, 28)),
            ("FMA", bit(leaf1.ecx, 12)),
            ("OSXSAVE", bit(leaf1.ecx, 27)),
            ("AVX2", max_leaf >= 7 && bit(leaf7.ebx, 5)),
            ("BMI2", max_leaf >= 7 && bit(leaf7.ebx, 8)),
        ]
        .into_iter()
        .filter(|&(_, has)| !has)
        .map(|(name, _)| name)
        .collect();
        if !missing.is_empty() {
            return Err(format!(
                "this tocsin was compiled for x86-64-v3 CPUs, and this CPU lacks {}; \
                 rebuild it for the x86-64 baseline: \
                 RUSTFLAGS=\"-C target-cpu=x86-64\" cargo build --release -p tocsin-cli",
                missing.join(", ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_machine_running_the_tests_can_run_what_they_were_compiled_for() {
        // The tests themselves run this build's code, so the check must pass.
        assert_eq!(super::check(), Ok(()));
    }
}
