"""A pack language's rule registry: the rules its module (``rules/<code>.py``) defines, in the order
its ``data/<code>/rules.tsv`` lists them, with the precision measured for each there.

The order decides, as in English, which rule reads a cue (the first of the ``cue`` rules whose
form fits) and settles conflicts between statements (registry priority, then the longer
statement, then the earlier one)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Mapping

from ..rules.base import Example, Rule
from .data import Pack
from .shapes import SHAPES, PackCandidate


class PackRegistryError(ValueError):
    """A language's rule module and its rules.tsv disagree."""


def pack_rule(name: str, shape: str, description: str, examples: tuple[Example, ...],
              counterexamples: tuple[str, ...]) -> Rule:
    """A rule of a pack language: one of the shared forms (:data:`.shapes.SHAPES`) under the
    language's own name, with its own worked examples and counterexamples."""
    if shape not in SHAPES:
        raise PackRegistryError(f"rule {name!r}: unknown form {shape!r}; known: {', '.join(SHAPES)}")
    scope, fn = SHAPES[shape]

    def match(*args: Any) -> PackCandidate | None:
        found = fn(*args)
        return None if found is None else found._replace(rule=name)

    return Rule(name=name, family=shape, scope=scope, description=description,   # type: ignore[arg-type]
                match=match, examples=examples, counterexamples=counterexamples)


@dataclass(frozen=True)
class PackRegistry:
    code: str
    rules: tuple[Rule, ...]
    by_name: Mapping[str, Rule]
    priority: Mapping[str, int]
    cue: tuple[Rule, ...]
    marker: tuple[Rule, ...]
    follow: tuple[Rule, ...]
    measured_on: str

    def settle_order(self, cand: PackCandidate) -> tuple[int, int, int]:
        return self.priority[cand.rule], -(cand.pieces[-1][1] - cand.pieces[0][0]), cand.pieces[0][0]


def build_registry(pack: Pack) -> PackRegistry:
    """The registry of ``pack``'s language from ``service.attribution.rules.<code>``."""
    module = importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.rules.{pack.code}")
    defined: dict[str, Rule] = {}
    for rule in module.RULES:
        if rule.name in defined:
            raise PackRegistryError(f"{pack.code}: rule {rule.name!r} is defined twice")
        defined[rule.name] = rule
    if set(defined) != set(pack.rule_order):
        raise PackRegistryError(f"{pack.code}: rules/{pack.code}.py and data/{pack.code}/rules.tsv must name "
                                f"the same rules: {sorted(set(defined) ^ set(pack.rule_order))}")
    ordered = tuple(replace(defined[name], precision=pack.rule_measures[name][0],
                            support=pack.rule_measures[name][1]) for name in pack.rule_order)
    return PackRegistry(
        code=pack.code, rules=ordered, by_name=MappingProxyType({r.name: r for r in ordered}),
        priority=MappingProxyType({r.name: i for i, r in enumerate(ordered)}),
        cue=tuple(r for r in ordered if r.scope == "cue"),
        marker=tuple(r for r in ordered if r.scope == "marker"),
        follow=tuple(r for r in ordered if r.scope == "follow"),
        measured_on=getattr(module, "MEASURED_ON", "not measured"))

