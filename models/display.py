"""Names for people (data/display.yaml, taxonomy labels): what the dashboard and exports show
instead of ids. Loaded and validated once per version of the files; no extraction machinery."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from models.errors import ReadoutError
from models.extract.knowledge import read_yaml
from models.schema import STANCES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StanceName(_Strict):
    """A stance as a verb phrase ("supports"; "support" after several parties) and as a noun."""

    verb: str
    plural: str
    strong: str
    noun: str


class DisplayFile(_Strict):
    """display.yaml: stance names and the word for a record no party holds."""

    stances: dict[str, StanceName]
    unattributed: str

    @field_validator("stances")
    @classmethod
    def _every_stance(cls, v: dict[str, StanceName]) -> dict[str, StanceName]:
        unknown = sorted(set(v) - set(STANCES))
        missing = [s for s in STANCES if s not in v]
        if unknown:
            raise ValueError(f"unknown stance {unknown[0]!r} (one of {', '.join(STANCES)})")
        if missing:
            raise ValueError(f"no name for stance {missing[0]!r}")
        return v


class Names(_Strict):
    """Area labels, stance names and the unattributed word, ready to look up."""

    areas: dict[str, str]
    stances: dict[str, StanceName]
    unattributed: str

    def area(self, area_id: str) -> str:
        """The label of an area id (the id itself when the taxonomy no longer has it)."""
        return self.areas.get(area_id, area_id.replace("_", " "))

    def stance_verb(self, stance: str, plural: bool = False) -> str:
        """The stance after a party: "supports", "calls for" ("support" after several with
        ``plural``; the id with spaces for a stance the file does not name)."""
        found = self.stances.get(stance)
        if found is None:
            return stance.replace("_", " ")
        return found.plural if plural else found.verb

    def stance_words(self, stance: str, strength: int = 0) -> str:
        """The stance after one party, as strongly as stated: "supports", "firmly supports"
        (strength > 0), "tentatively supports" (strength < 0)."""
        found = self.stances.get(stance)
        verb = found.verb if found else stance.replace("_", " ")
        if strength > 0:
            return found.strong if found else f"firmly {verb}"
        return f"tentatively {verb}" if strength < 0 else verb

    def stance_noun(self, stance: str) -> str:
        """The stance as a noun: "support", "call" (the id with spaces if the file has none)."""
        found = self.stances.get(stance)
        return found.noun if found else stance.replace("_", " ")


def load_names(data_dir: Path | str | None = None) -> Names:
    """The names of a data directory (default: the package's), validated; a bad file is one
    ReadoutError naming the file and the entry."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    return _load(folder, _mtimes(folder))


def _mtimes(folder: Path) -> tuple[float, ...]:
    return tuple(
        (folder / f).stat().st_mtime if (folder / f).exists() else 0.0
        for f in ("display.yaml", "taxonomy.yaml")
    )


@functools.lru_cache(maxsize=8)
def _load(folder: Path, _version: tuple[float, ...]) -> Names:
    display = read_yaml(folder / "display.yaml")
    try:
        parsed = DisplayFile.model_validate(display)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReadoutError(f"display.yaml: {where}: {first['msg']}") from None
    taxonomy = read_yaml(folder / "taxonomy.yaml")
    areas = {
        str(a["id"]): str(a.get("label") or a["id"])
        for a in taxonomy.get("areas", [])
        if isinstance(a, dict) and "id" in a
    }
    return Names(areas=areas, stances=parsed.stances, unattributed=parsed.unattributed)
