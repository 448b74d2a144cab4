"""Name-variant normalisation: a gazetteer of known entities and a resolver.

>>> from cleanse.names import Gazetteer, Resolver
>>> g = Gazetteer.from_records([{"id": "q", "canonical": "Qasem Soleimani", "kind": "person"}])
>>> Resolver(g).resolve("Qassem Suleimani")
'Qasem Soleimani'
"""

from __future__ import annotations

from cleanse.names.gazetteer import Entity, Gazetteer, Kind
from cleanse.names.resolver import Match, Resolver

__all__ = ["Entity", "Gazetteer", "Kind", "Match", "Resolver"]
