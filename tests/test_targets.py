"""Targets and lists of objects."""

from models.lexicon import default_knowledge
from models.targets import split_objects, target_span


def test_targets_skip_particles_and_governed_verbs():
    text = "agreed to further promote the ocean treaty"
    a, b = target_span(text, len("agreed to"), len(text), "commit", default_knowledge().stances)
    assert text[a:b] == "ocean treaty"


def test_targets_split_only_direct_objects():
    text = "the Lima Plan, the Quito Charter and the Cusco Agenda"
    assert len(split_objects(text, 0, len(text))) == 3
    text = "norms enshrined in the Lima Plan, the Quito Charter and the Cusco Agenda"
    assert split_objects(text, 0, len(text)) == [(0, len(text))]
