"""The command line keeps the contract: every command there, documented, one-line stops, the
same verbs as the ribbon's buttons, and a start that loads no heavy library."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from smep_xl import ribbon
from smep_xl.cli import cli

CONTRACT_COMMANDS = ("new", "demo", "validate", "refresh", "letters", "render", "import-schools")
RIBBON_VERBS = ("validate", "refresh", "letters")
HEAVY = ("pandas", "numpy", "openpyxl", "lxml", "docx", "docxtpl", "python_calamine", "xlwings", "rich")


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
def test_every_ribbon_action_button_has_an_action_and_a_command(verb):
    button = ribbon.button(verb)
    assert callable(button.action) and button.action.__module__ == f"smep_xl.actions.{verb}"
    assert button.command == verb and verb in cli.commands


@pytest.mark.parametrize("button", [b for b in ribbon.BUTTONS if b.command], ids=lambda b: b.verb)
def test_each_commands_help_names_the_button_that_does_the_same(button):
    result = CliRunner().invoke(cli, [button.command, "--help"])
    assert f"In Excel: the {button.caption} button on the SMEP tab does the same" in " ".join(
        result.output.split()
    )


def test_commands_with_no_button_say_nothing_of_one():
    without = set(cli.commands) - {b.command for b in ribbon.BUTTONS}
    assert {"new", "demo", "render", "import-schools"} <= without
    for name in without:
        assert "In Excel:" not in CliRunner().invoke(cli, [name, "--help"]).output


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"], ["letters", "--help"]])
def test_starting_loads_no_heavy_library(args):
    """pandas, openpyxl, lxml and friends load inside the command that needs them, never at start."""
    probe = (
        "import sys\n"
        "from smep_xl.cli import main\n"
        f"sys.argv = ['smep', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_python_importtime_of_version_lists_no_heavy_library():
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "smep_xl", "--version"], capture_output=True, text=True
    )
    loaded = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert out.returncode == 0 and "smep_xl.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


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
