"""The pack engine: every language whose ``data/<code>/language.tsv`` says ``engine	pack`` is
served from its data directory and its rule module ``rules/<code>.py``, found at import. Adding a
language is adding those two (see ``data/README.md``); nothing else changes."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from ..language import DATA, DIRECTORIES, PACK, engine_of
from .data import Pack, read_pack
from .registry import PackRegistry, build_registry

PACK_LANGUAGES: tuple[str, ...] = tuple(code for code in DIRECTORIES if engine_of(DATA.joinpath(code)) == PACK)
PACKS: Mapping[str, Pack] = MappingProxyType({code: read_pack(DATA.joinpath(code), code) for code in PACK_LANGUAGES})
REGISTRIES: Mapping[str, PackRegistry] = MappingProxyType({code: build_registry(pack) for code, pack in PACKS.items()})

__all__ = ["PACKS", "PACK_LANGUAGES", "Pack", "PackRegistry", "REGISTRIES"]
