"""The README opens with the two commands, documents every command, and shows current output."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from onrecord.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(name: str) -> str:
    match = re.search(rf"<!-- BEGIN {name} -->\n```text\n(.*?)```\n<!-- END {name} -->", README, re.S)
    assert match, f"README has no {name} block"
    return match.group(1)


def test_docs_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]] == ["make demo", "make test"]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_in_readme(name):
    assert f"onrecord {name}" in README


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_explains_itself(name):
    command = cli.commands[name]
    assert command.help and "Example" in (command.help or "") or hasattr(command, "commands"), name


@pytest.mark.slow
def test_docs_demo_block_is_current(seed_text):
    """The README shows what `onrecord show` prints now for the seed (regenerate: make readme)."""
    from onrecord.pipeline import analyse
    from onrecord.summary import summarise_record

    record = analyse(seed_text, id="presstv-sessions-kislyak", on_error="raise")
    expected = summarise_record(record, width=100)
    assert expected.strip() in _block("demo"), "README demo block is stale: run `make readme`"
