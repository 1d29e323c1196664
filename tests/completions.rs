//! Shell completions and the manual page come from the same clap
//! definitions as the CLI, so every command and flag is in them.

use assert_cmd::Command;

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

#[test]
fn completions_for_every_shell_name_the_commands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = folio().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        // fish names long options without their dashes (`-l page-size`).
        for word in [
            "convert",
            "book",
            "inspect",
            "jats-flavor",
            "page-size",
            "lenient",
        ] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // An unknown shell is a usage error.
    folio().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn bash_completion_script_is_valid_bash() {
    let out = folio().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("folio.bash");
    std::fs::write(&path, &out.stdout).unwrap();
    let Ok(status) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
    else {
        panic!("bash is needed to check the completion script");
    };
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn man_page_documents_every_command() {
    let out = folio().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH folio 1"));
    for cmd in [
        "convert",
        "book",
        "inspect",
        "formats",
        "eval",
        "schema",
        "completions",
    ] {
        assert!(page.contains(cmd), "man page lacks {cmd}");
    }
    let dir = tempfile::tempdir().unwrap();
    folio()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let convert = std::fs::read_to_string(dir.path().join("folio-convert.1")).unwrap();
    assert!(convert.contains("jats\\-flavor") || convert.contains("jats-flavor"));
}
