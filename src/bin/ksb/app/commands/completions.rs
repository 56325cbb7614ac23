//! `ksb completions SHELL`: a completion script generated from the command line itself.

use anyhow::Result;
use clap::CommandFactory;

use super::Cli;
use crate::app::context::{Command, Globals};
use crate::app::output;
use clap::Args;

/// Arguments of `ksb completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Command for CompletionsArgs {
    /// Prints the completion script; needs no standard or config.
    fn run(self, _globals: Globals) -> Result<()> {
        let mut command = Cli::command();
        let name = command.get_name().to_string();
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, name, &mut script);
        if self.shell == clap_complete::Shell::Bash {
            let text = String::from_utf8_lossy(&script);
            return output::emit_bytes(bash_header_values(&text).as_bytes());
        }
        output::emit_bytes(&script)
    }
}

/// The bash script with `--role-focus`, `--mentoring-type` and `--assessment-type` completing
/// the built-in standard's values (spaces and all, one value a word) instead of file names.
fn bash_header_values(script: &str) -> String {
    let standard = ksb::Standard::builtin();
    let mut script = script.to_string();
    for (flag, values) in [
        ("--role-focus", &standard.role_focuses),
        ("--mentoring-type", &standard.mentoring_types),
        ("--assessment-type", &standard.assessment_types),
    ] {
        let words: Vec<String> = values
            .iter()
            .map(|v| format!("'{}'", v.replace('\'', "'\\''")))
            .collect();
        let from = format!("{flag})\n                    COMPREPLY=($(compgen -f \"${{cur}}\"))");
        let to = format!(
            "{flag})\n                    local IFS=$'\\n'\n                    \
             COMPREPLY=($(compgen -W \"$(printf '%s\\n' {})\" -- \"${{cur}}\"))\n                    \
             COMPREPLY=(\"${{COMPREPLY[@]// /\\\\ }}\")",
            words.join(" ")
        );
        script = script.replace(&from, &to);
    }
    script
}
