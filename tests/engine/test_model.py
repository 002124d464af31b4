"""The output types stay frozen dataclasses with the constructors ``dataclass`` would give them,
though model.py gives them a faster ``__init__`` (slot descriptors instead of
``object.__setattr__``)."""
from __future__ import annotations

import dataclasses
import inspect

import pytest

from service.attribution import model

TYPES = [cls for cls in vars(model).values()
         if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__]


def _values(cls: type) -> dict:
    return {f.name: (f"v{i}" if f.default is dataclasses.MISSING else f.default)
            for i, f in enumerate(dataclasses.fields(cls))}


def test_every_output_type_is_checked():
    assert {cls.__name__ for cls in TYPES} >= {"Span", "Cue", "Quote", "Speaker", "SpeakerRef", "Result"}


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
def test_constructor_takes_the_fields_in_order_with_their_defaults(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in dataclasses.fields(cls)]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
def test_values_are_stored_and_frozen(cls):
    values = _values(cls)
    positional = cls(*values.values())
    keywords = cls(**values)
    assert positional == keywords and hash(positional) == hash(keywords)
    assert dataclasses.asdict(positional) == values
    assert dataclasses.replace(positional) == positional
    name = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(positional, name, "changed")
