"""The record format of contract v1, as pydantic models.

Every value the tool emits, and every gold annotation a person writes, goes
through these models, so a typo in a gold file or a regression in the
assembler fails loudly with the name of the field at fault.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer, model_validator

SCHEMA_VERSION = "1.0"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
KNOWN_SCHEMA_VERSIONS = frozenset({"1.0"})  # a record of another version is refused, not misread

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")]
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Instrument(StrEnum):
    accord = "accord"
    accord_cadre = "accord_cadre"
    memorandum = "memorandum"
    protocole = "protocole"
    convention = "convention"
    traite = "traite"
    declaration = "declaration"
    contrat = "contrat"
    autre = "autre"


class Sector(StrEnum):
    commerce = "commerce"
    economie = "economie"
    finance = "finance"
    energie = "energie"
    nucleaire = "nucleaire"
    mines = "mines"
    industrie = "industrie"
    infrastructures = "infrastructures"
    transports = "transports"
    agriculture = "agriculture"
    peche = "peche"
    eau = "eau"
    environnement = "environnement"
    sante = "sante"
    education = "education"
    science_technologie = "science_technologie"
    numerique = "numerique"
    securite = "securite"
    defense = "defense"
    diplomatie = "diplomatie"
    culture = "culture"
    sport = "sport"
    religion = "religion"
    humanitaire = "humanitaire"
    tourisme = "tourisme"
    justice = "justice"
    emploi = "emploi"


OrgKind = Literal["government", "company", "international_organization", "commission", "forum", "other"]
LocationKind = Literal["country", "region", "city", "other"]
Granularity = Literal["day", "month", "year"]


class _Record(BaseModel):
    # Unknown keys are errors: a misspelt gold field must not pass silently.
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Mention(_Record):
    """A span of the decoded document text; `text == doc_text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Document(_Record):
    id: str
    source: str | None = None
    language: str = Field(default="fr", description="Language the text looks written in (fr, en, es, de).")
    sha256: str | None = None
    n_chars: int = Field(default=0, ge=0)
    title: str | None = None
    publication_date: str | None = None
    encoding: str | None = Field(default=None, description="Encoding the bytes were decoded from.")
    stated_agreement_count: int | None = Field(
        default=None, ge=0, description="Number of agreements the text says were signed, if it says."
    )
    # Added fields (the contract allows additions), written only when known.
    url: str | None = Field(default=None, description="Where the article was published, when the input says.")
    text: str | None = Field(
        default=None, description="The decoded text the offsets index; only on request (--with-text)."
    )

    @model_serializer(mode="wrap")
    def _only_known_additions(self, handler):
        data = handler(self)
        for key in ("url", "text"):
            if data.get(key) is None:
                data.pop(key, None)
        return data

    @field_validator("publication_date")
    @classmethod
    def _iso_day(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError(f"publication_date must be YYYY-MM-DD, got {v!r}")
        return v


class Person(_Record):
    name: str = Field(min_length=1)
    titles: list[str] = []
    honorifics: list[str] = []
    ranks: list[str] = []
    country: ISO3 | None = None
    mentions: list[Mention] = []


class Organization(_Record):
    name: str = Field(min_length=1)
    kind: OrgKind = "other"
    country: ISO3 | None = None
    mentions: list[Mention] = []


class Location(_Record):
    name: str = Field(min_length=1)
    kind: LocationKind = "other"
    country: ISO3 | None = None
    mentions: list[Mention] = []


class DateValue(_Record):
    value: str
    granularity: Granularity
    mentions: list[Mention] = []

    @model_validator(mode="after")
    def _value_matches_granularity(self) -> DateValue:
        if not _ISO_DATE.match(self.value):
            raise ValueError(f"value must be YYYY, YYYY-MM or YYYY-MM-DD, got {self.value!r}")
        expected = {4: "year", 7: "month", 10: "day"}[len(self.value)]
        if expected != self.granularity:
            raise ValueError(f"value {self.value!r} has granularity {expected}, not {self.granularity}")
        return self


class Agreement(_Record):
    ordinal: int = Field(ge=1)
    instrument: Instrument
    title: str | None = None
    parties: list[str] = []
    signatories: list[str] = []
    date: str | None = None
    place: str | None = None
    sectors: list[Sector] = []
    evidence: list[Mention] = []

    @field_validator("date")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None and not _ISO_DATE.match(v):
            raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {v!r}")
        return v


class SectorMention(_Record):
    sector: Sector
    mentions: list[Mention] = []


class ExtractionResult(_Record):
    schema_version: str = SCHEMA_VERSION

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: str) -> str:
        if v not in KNOWN_SCHEMA_VERSIONS:
            raise ValueError(
                f"unknown schema_version {v!r} (this tool reads {sorted(KNOWN_SCHEMA_VERSIONS)})"
            )
        return v

    document: Document
    persons: list[Person] = []
    organizations: list[Organization] = []
    locations: list[Location] = []
    dates: list[DateValue] = []
    agreements: list[Agreement] = []
    sectors: list[SectorMention] = []
    warnings: list[str] = []

    def mentions(self):
        """Every mention in the record, for provenance checks."""
        for group in (self.persons, self.organizations, self.locations, self.dates, self.sectors):
            for item in group:
                yield from item.mentions
        for agreement in self.agreements:
            yield from agreement.evidence


# --- Gold annotations: the same record, plus what only a person can say. ---


class _Gold(BaseModel):
    optional: bool = Field(default=False, description="Neither rewarded nor punished when scoring.")


class _Named(_Gold):
    aliases: list[str] = Field(default=[], description="Other names that count as the same entity.")


class GoldPerson(Person, _Named):
    pass


class GoldOrganization(Organization, _Named):
    pass


class GoldLocation(Location, _Named):
    pass


def _real_date(value: str | None) -> str | None:
    """YYYY-MM and YYYY-MM-DD must name a real month and day: 2024-13-45 is a typo, not a date."""
    from datetime import date

    if value is None or len(value) == 4:
        return value
    year, month, day = (value + "-01").split("-")[:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{value!r} is not a valid ISO date") from None
    return value


class GoldDateValue(DateValue, _Gold):
    @field_validator("value")
    @classmethod
    def _valid(cls, v: str) -> str:
        return _real_date(v)


class GoldSectorMention(SectorMention, _Gold):
    pass


class GoldAgreement(Agreement, _Gold):
    instrument_alternatives: list[Instrument] = []

    @field_validator("date")
    @classmethod
    def _valid_date(cls, v: str | None) -> str | None:
        return _real_date(v) if v is not None and _ISO_DATE.match(v) else v

    sectors_optional: list[Sector] = []
    parties_optional: list[str] = Field(default=[], description="Parties neither rewarded nor punished.")
    signatories_optional: list[str] = Field(
        default=[], description="Signatories neither rewarded nor punished."
    )
    date_optional: bool = Field(
        default=False, description="The agreement's date is neither rewarded nor punished (contract v1.1)."
    )
    place_optional: bool = Field(
        default=False, description="The agreement's place is neither rewarded nor punished (contract v1.1)."
    )


class GoldResult(ExtractionResult):
    persons: list[GoldPerson] = []
    organizations: list[GoldOrganization] = []
    locations: list[GoldLocation] = []
    dates: list[GoldDateValue] = []
    agreements: list[GoldAgreement] = []
    sectors: list[GoldSectorMention] = []


def json_schema(gold: bool = False) -> dict:
    """The JSON Schema `accord-extract schema` prints, with `$schema` and `$id`.

    For records, every object accepts added fields: the contract lets later versions add fields, so a
    consumer's validator must not refuse them (the models here still refuse unknown keys, which catches
    our own typos). Gold files keep `additionalProperties: false`: a misspelt gold field must fail."""
    model = GoldResult if gold else ExtractionResult
    schema = model.model_json_schema()
    if not gold:
        _accept_additions(schema)
    kind = "gold" if gold else "record"
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": f"urn:accord-extract:{kind}:{SCHEMA_VERSION}", **schema}


def _accept_additions(node) -> None:
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            node["additionalProperties"] = True
        for value in node.values():
            _accept_additions(value)
    elif isinstance(node, list):
        for value in node:
            _accept_additions(value)
