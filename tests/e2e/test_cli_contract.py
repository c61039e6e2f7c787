"""The command line keeps the contract: every command there, documented, and one-line stops."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from smep_xl.cli import cli

CONTRACT_COMMANDS = ("new", "demo", "validate", "refresh", "letters", "render", "import-schools")
RIBBON_VERBS = ("validate", "refresh", "letters")


def test_every_contract_command_is_registered():
    assert set(CONTRACT_COMMANDS) <= set(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_an_example_and_every_option_help(name):
    command = cli.commands[name]
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"{name} --help has no example"
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and param.name != "help":
            assert param.help, f"{name} {param.opts} has no help"


@pytest.mark.parametrize("verb", RIBBON_VERBS)
def test_every_ribbon_button_has_an_action_and_a_command(verb):
    import importlib

    action = importlib.import_module(f"smep_xl.actions.{verb}")
    assert callable(getattr(action, verb))
    assert verb in cli.commands


def test_version_and_console_script():
    out = subprocess.run([sys.executable, "-m", "smep_xl", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "smep, version" in out.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["validate", "nowhere.xlsx"], "no such file"),
        (["refresh", "nowhere.xlsx"], "no such file"),
        (["validate"], "Missing argument"),
        (["nonsense"], "No such command"),
    ],
)
def test_stops_are_one_line_on_stderr_with_exit_2(tmp_path, args, words):
    out = subprocess.run(
        [sys.executable, "-m", "smep_xl", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 2
    assert words in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr + out.stdout
