"""`smep render`: one letter from any template file and a JSON data file, for template authors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from smep_xl.cli.common import fail

MAX_DATA_BYTES = 20_000_000  # an export of 22,000 letters is about 15 MB
MAX_DEPTH = 32  # a letter's fields nest a few levels (criteria: a list of objects); JSON may nest 100,000


@click.command("render")
@click.argument("template", type=click.Path(dir_okay=False))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="OUT.docx", help="The .docx file to write.")
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace OUT.docx if it is already there (never the template or the data file).",
)
def render(template: str, data: str, output: str, overwrite: bool) -> None:
    """Render any letter template with one JSON object (for template authors).

    TEMPLATE is the path of a .docx template file, read from the current folder when
    relative, and used as given. DATA is a JSON object of fields, or a file written by
    `smep letters --export-data` (its first letter is used; when it has none, its made-up
    example, and render says so). Every field the template uses must be in the data; the
    check runs before anything is written. OUT.docx must be a new file unless --overwrite.

    Example:

        smep render templates/feedback_letter.docx fields.json -o check.docx
    """
    path = Path(template)
    if not path.is_file():
        fail(
            f"The template {template} does not exist (looked for {path.absolute()}). "
            "Give the path of a .docx template file."
        )
    _check_output(Path(output), path, Path(data), overwrite)
    context, example = _load_data(Path(data))
    from smep_xl.adapters.docx.engine import compile_template

    compiled = compile_template(path)
    compiled.check(context.keys(), context)
    _write(compiled.to_bytes(context), Path(output), overwrite)
    if example:
        click.echo(
            f"Wrote {output} from the made-up example school in {data}: it holds no letter's data "
            "(no letters were due when it was exported; export with --all for real data)."
        )
    else:
        click.echo(f"Wrote {output}")


def _check_output(output: Path, template: Path, data: Path, overwrite: bool) -> None:
    """OUT is never the template or the data, and is a new file unless --overwrite."""
    if not os.path.lexists(output):
        return
    for given, what in ((template, "the template"), (data, "the data file")):
        if _same(output, given):
            fail(f"-o {output} is {what}; give the letter a file of its own (check.docx).")
    if os.path.isdir(output):
        fail(f"-o {output} is a folder; give a file name such as {output / 'check.docx'}.")
    if not overwrite:
        fail(f"-o {output} already exists; choose another name, or add --overwrite to replace it.")


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _write(document: bytes, output: Path, overwrite: bool) -> None:
    from smep_xl.ooxml.atomic import disk_full, write_file

    try:
        write_file(str(output), lambda out: out.write(document), replace=overwrite)
    except FileExistsError:
        fail(f"-o {output} already exists; choose another name, or add --overwrite to replace it.")
    except OSError as exc:
        if disk_full(exc):
            fail(f"{output} cannot be written: the disk is full. Free some space, or write it elsewhere.")
        fail(f"{output} cannot be written ({exc.strerror or exc}); is it open in Word?")


def _load_data(path: Path) -> tuple[dict, bool]:
    """The fields to render with, and whether they are an export's made-up example."""
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            fail(
                f"The data file {path} is {size / 1e6:.0f} MB; render takes one letter's data (at most "
                f"{MAX_DATA_BYTES // 1_000_000} MB). Export fewer letters (--urn) and try again."
            )
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        fail(f"The data file {path} cannot be read ({exc.strerror or exc}).")
    except RecursionError:
        fail(f"The data file {path} nests too deeply to be a letter's data (more than {MAX_DEPTH} levels).")
    except ValueError as exc:
        fail(f"The data file {path} is not valid JSON ({exc}).")
    if _depth(document) > MAX_DEPTH:
        fail(f"The data file {path} nests too deeply to be a letter's data (more than {MAX_DEPTH} levels).")
    example = False
    if isinstance(document, dict) and isinstance(document.get("letters"), list) and "fields" in document:
        example = not document["letters"]
        document = (document["letters"] or [document.get("example") or {}])[0]
    if not isinstance(document, dict):
        fail(f'The data file {path} must hold one JSON object ({{"school": ...}}), not a list or a value.')
    return document, example


def _depth(document: object) -> int:
    """How deep lists and objects nest, counted without recursion."""
    deepest, waiting = 0, [(document, 1)]
    while waiting:
        value, depth = waiting.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                children = value.values() if isinstance(value, dict) else value
                waiting.extend((child, depth + 1) for child in children)
    return deepest


COMMANDS = [render]
