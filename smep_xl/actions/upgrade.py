"""`smep upgrade`: bring a workbook made for an earlier contract up to this one, by addition.

The adapter (adapters/upgrade) surveys what the workbook lacks of the contract and adds it in
one atomic save; this says what was (or, with dry_run, would be) added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from smep_xl import layout as L


class Planned(Protocol):
    additions: list  # each with .line()
    skipped: list[str]


P = TypeVar("P", bound=Planned)  # the adapter's own plan, handed back to it


class Upgradable(Protocol[P]):
    label: str
    recorded: int | None  # the contract version the workbook records (None: none)

    def plan(self) -> P: ...

    def apply(self, plan: P) -> None: ...


@dataclass(frozen=True)
class UpgradeOptions:
    dry_run: bool = False


@dataclass(frozen=True)
class UpgradeResult:
    label: str
    was: int | None
    now: int
    added: list[str]
    skipped: list[str]
    dry_run: bool

    def to_json(self) -> dict:
        return {
            "workbook": self.label,
            "contract_was": self.was,
            "contract_now": self.now,
            "added": self.added,
            "not_added": self.skipped,
            "dry_run": self.dry_run,
        }


def upgrade(book: Upgradable[P], options: UpgradeOptions) -> UpgradeResult:
    plan = book.plan()
    if not options.dry_run:
        book.apply(plan)
    lines = [addition.line() for addition in plan.additions]
    return UpgradeResult(
        book.label, book.recorded, L.CONTRACT_VERSION, lines, list(plan.skipped), options.dry_run
    )
