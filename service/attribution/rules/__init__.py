"""The rule registry: every attribution rule the engine has, in the one order that

1. decides which rule reads a cue: the rules whose frames include the cue's frame are tried in
   this order and the first whose form fits wins (see :mod:`.base`);
2. settles conflicts between statements (:func:`settle_order`): registry priority, then the
   longer statement, then the earlier one.

Each family of rules lives in a module of its own (``content_first``, ``according``,
``source_first``, ``layout``, ``quoted``); adding a rule is adding it to its family's ``RULES``
and naming it in ``ORDER`` below, with its measured precision in ``precision.tsv``.
"""
from __future__ import annotations

import csv
from dataclasses import replace
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from . import according, content_first, layout, quoted, source_first
from .base import (BLOCK, Candidate, CueContext, Example, Frame, FrameKind, QuoteContext, Rule,
                   TextContext)

ORDER: tuple[str, ...] = (
    # cue scope: within each frame, the order in which forms are tried
    "according-to",
    "quote-comma-subject-cue",
    "content-comma-subject-cue",
    "interrupted-quote",
    "quote-comma-cue-subject",
    "content-comma-cue-subject",
    "cue-colon-paragraph",
    "subject-cue-content",
    "participle-cue",
    "unattributed-passive",
    "coordinated-cue",
    # paragraph scope
    "name-colon",
    "quote-dash-name",
    # quote scope: quotations no statement took
    "follow-on-quote",
    "quoted-fragment-verb",
    "headline-partial",
)
RULES_MEASURED_ON = "polnear-train.jsonl (PolNeAR v1.0.0 training split), overlap >= 0.3, one-to-one"


class RegistryError(ValueError):
    """The registry's order, the families' rules and the precision table disagree."""


def _measured() -> dict[str, tuple[float, int]]:
    lines = resources.files(__package__).joinpath("precision.tsv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if line and not line.startswith("#")), delimiter="\t")
    return {row["rule"]: (float(row["precision"]), int(row["support"])) for row in rows}


def _registry() -> tuple[Rule, ...]:
    families = (according, content_first, source_first, layout, quoted)
    by_name: dict[str, Rule] = {}
    for family in families:
        for rule in family.RULES:
            if rule.name in by_name:
                raise RegistryError(f"rule {rule.name!r} is defined twice")
            by_name[rule.name] = rule
    measured = _measured()
    frames = {kind.value for kind in FrameKind}
    for rule in by_name.values():
        if not set(rule.frames) <= frames:
            raise RegistryError(f"rule {rule.name!r} names an unknown frame: {rule.frames}")
    if set(by_name) != set(ORDER) or len(ORDER) != len(set(ORDER)) or set(measured) != set(ORDER):
        raise RegistryError(f"ORDER, the family modules and precision.tsv must name the same rules: "
                            f"{sorted(set(by_name) ^ set(ORDER))} {sorted(set(measured) ^ set(ORDER))}")
    ordered = tuple(by_name[name] for name in ORDER)
    scopes = [r.scope for r in ordered]
    if scopes != sorted(scopes, key=("cue", "paragraph", "quote").index):
        raise RegistryError("ORDER must list cue rules, then paragraph rules, then quote rules")
    return tuple(replace(r, precision=measured[r.name][0], support=measured[r.name][1]) for r in ordered)


REGISTRY: tuple[Rule, ...] = _registry()
RULES: Mapping[str, Rule] = MappingProxyType({r.name: r for r in REGISTRY})
PRIORITY: Mapping[str, int] = MappingProxyType({r.name: i for i, r in enumerate(REGISTRY)})
CUE_RULES: Mapping[str, tuple[Rule, ...]] = MappingProxyType({
    kind.value: tuple(r for r in REGISTRY if r.scope == "cue" and kind.value in r.frames)
    for kind in FrameKind})
PARAGRAPH_RULES: tuple[Rule, ...] = tuple(r for r in REGISTRY if r.scope == "paragraph")
QUOTE_RULES: tuple[Rule, ...] = tuple(r for r in REGISTRY if r.scope == "quote")


def settle_order(cand: Candidate) -> tuple[int, int, int]:
    """The conflict policy, as a sort key: registry priority, then the longer statement, then the
    earlier one. Where two statements claim the same cue or the same content, the first in this
    order stays."""
    return PRIORITY[cand.rule], -(cand.end - cand.start), cand.start


__all__ = ["BLOCK", "CUE_RULES", "Candidate", "CueContext", "Example", "Frame", "ORDER",
           "PARAGRAPH_RULES", "QUOTE_RULES", "QuoteContext", "REGISTRY", "RULES", "RULES_MEASURED_ON",
           "Rule", "TextContext", "settle_order"]
