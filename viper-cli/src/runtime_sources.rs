//! The C runtime sources embedded at build time by `build.rs` (see there), as (file name, text).

include!(concat!(env!("OUT_DIR"), "/runtime_sources.rs"));

#[cfg(test)]
mod tests {
    use super::RUNTIME_SOURCES;

    #[test]
    fn sorted_and_contains_the_object_model_header() {
        let names: Vec<&str> = RUNTIME_SOURCES.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(names.contains(&"rt_internal.h"));
        assert!(names.iter().all(|n| n.ends_with(".c") || n.ends_with(".h")));
    }
}
