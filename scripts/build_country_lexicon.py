"""Regenerate data/lexicons/countries.jsonl from pycountry's French names.

The output is reviewed by hand afterwards (variants such as "la RDC" are
added there); rerun only to pick up new ISO entries, then diff.
"""

import gettext
import json
import re
from pathlib import Path

import pycountry

OUT = Path(__file__).parents[1] / "src/accord_extract/data/lexicons/countries.jsonl"
EXTRA = {
    "RUS": ("Russie", ["Fédération de Russie", "Fédération russe"]),
    "COD": ("République démocratique du Congo", ["RDC", "RD Congo", "Congo-Kinshasa"]),
    "COG": ("Congo", ["République du Congo", "Congo-Brazzaville"]),
    "BFA": ("Burkina Faso", ["Burkina"]),
    "ARE": ("Émirats arabes unis", ["Émirats", "EAU", "Emirats arabes unis"]),
    "USA": ("États-Unis", ["États-Unis d'Amérique", "Etats-Unis", "USA"]),
    "GBR": ("Royaume-Uni", ["Grande-Bretagne"]),
    "KOR": ("Corée du Sud", ["République de Corée", "Corée"]),
    "PRK": ("Corée du Nord", []),
    "CIV": ("Côte d'Ivoire", ["Côte d’Ivoire"]),
    "VNM": ("Vietnam", ["Viêt Nam", "Viet Nam", "Viêt-nam"]),
    "CZE": ("Tchéquie", ["République tchèque"]),
    "MDA": ("Moldavie", ["Moldova"]),
    "CHN": ("Chine", ["République populaire de Chine"]),
    "NLD": ("Pays-Bas", []),
    "GNB": ("Guinée-Bissau", []),
    "GNQ": ("Guinée équatoriale", []),
    "CAF": ("Centrafrique", ["République centrafricaine"]),
    "CPV": ("Cap-Vert", ["Cabo Verde"]),
    "SWZ": ("Eswatini", ["Swaziland"]),
    "MMR": ("Birmanie", ["Myanmar"]),
    "TLS": ("Timor oriental", ["Timor-Leste"]),
    "VAT": ("Vatican", ["Saint-Siège"]),
    "PSE": ("Palestine", ["État de Palestine"]),
    "TWN": ("Taïwan", []),
    "IRN": ("Iran", ["République islamique d'Iran"]),
    "SYR": ("Syrie", []),
    "TZA": ("Tanzanie", []),
    "BOL": ("Bolivie", []),
    "VEN": ("Venezuela", ["Vénézuela"]),
    "LAO": ("Laos", []),
    "MKD": ("Macédoine du Nord", []),
    "TUR": ("Turquie", ["Türkiye"]),
    "MRT": ("Mauritanie", []),
    "MEX": ("Mexique", ["États-Unis mexicains"]),
}


def _uncomma(name: str) -> str:
    """ISO lists invert names ("Corée, République de"); French text does not."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return re.sub(r"\s+", " ", f"{tail} {head}").replace("d' ", "d'")


def main() -> None:
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    rows = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = [fr(getattr(country, "common_name", country.name)), fr(country.name)]
        if hasattr(country, "official_name"):
            names.append(fr(country.official_name))
        names = [_uncomma(n) for n in names]
        name, extra = EXTRA.get(iso3, (names[0], []))
        variants = []
        for candidate in [*names, *extra]:
            if candidate != name and candidate not in variants:
                variants.append(candidate)
        rows.append({"iso3": iso3, "name": name, "variants": variants})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
