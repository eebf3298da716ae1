//! The README's build-script snippets are the example crate's own files, so copying them gives
//! a crate that CI builds and tests (`examples/build-script`).

const README: &str = include_str!("../README.md");

/// The code blocks of the README's `## Build-script mode` section, without their fences.
fn build_script_blocks() -> Vec<&'static str> {
    let start = README
        .find("## Build-script mode")
        .expect("the section exists");
    let section = &README[start..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    section
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|block| block.split_once('\n').map_or("", |(_, body)| body))
        .collect()
}

#[test]
fn build_script_snippets_are_the_example_files() {
    let files = [
        include_str!("../examples/build-script/build.rs"),
        include_str!("../examples/build-script/src/main.rs"),
    ];
    let blocks = build_script_blocks();
    assert_eq!(blocks.len(), 3, "{blocks:#?}");
    // The manifest: the workspace's own names its dependencies through the workspace.
    let manifest = include_str!("../examples/build-script/Cargo.toml");
    for line in blocks[0].lines().filter(|line| line.contains('=')) {
        let (name, _) = line.split_once(" = ").expect("a dependency line");
        assert!(
            manifest.contains(&format!("{name}.workspace = true"))
                || manifest.contains(&format!("{name} = {{ workspace = true")),
            "{name}"
        );
    }
    // The Rust blocks, less their `// file` label, appear whole in the example's files.
    for block in &blocks[1..] {
        let (label, code) = block.split_once('\n').expect("a labelled block");
        assert!(label.starts_with("// "), "{label}");
        assert!(
            files.iter().any(|file| file.contains(code)),
            "README block not in examples/build-script:\n{code}"
        );
    }
}
