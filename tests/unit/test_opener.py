"""Open letters folder uses the operating system's own opener, chosen by platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from smep_xl.adapters.files.opener import command_for, open_folder
from smep_xl.errors import SmepError

FOLDER = Path("C:/Users/Zoë Hartley/OneDrive - Leicester-Shire Hub/SMEP 2014-16/letters")


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("win32", None),
        ("cygwin", "xdg-open"),
        ("darwin", "open"),
        ("linux", "xdg-open"),
        ("freebsd14", "xdg-open"),
    ],
)
def test_each_platform_has_its_own_opener(platform, expected):
    assert command_for(platform) == expected


def test_windows_opens_the_folder_with_startfile_and_starts_no_program():
    started, launched = [], []
    open_folder(FOLDER, platform="win32", startfile=started.append, launch=launched.append)
    assert started == [str(FOLDER)] and launched == []


@pytest.mark.parametrize(("platform", "program"), [("darwin", "open"), ("linux", "xdg-open")])
def test_macos_and_linux_start_their_program_with_the_folder_as_one_argument(platform, program):
    started, launched = [], []
    open_folder(FOLDER, platform=platform, startfile=started.append, launch=launched.append)
    assert launched == [[program, str(FOLDER)]] and started == []


def test_a_computer_without_an_opener_gets_one_line_naming_the_folder():
    def missing(argv):
        raise FileNotFoundError(2, "No such file or directory", argv[0])

    with pytest.raises(SmepError, match="could not be opened here .*letters"):
        open_folder(FOLDER, platform="linux", launch=missing)


def test_startfile_is_missing_off_windows_and_that_is_one_line_too():
    def no_startfile(path):
        raise AttributeError("module 'os' has no attribute 'startfile'")

    with pytest.raises(SmepError, match="could not be opened here"):
        open_folder(FOLDER, platform="win32", startfile=no_startfile)
