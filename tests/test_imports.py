import subprocess
import sys


def test_import_is_light():
    """`import accord_extract` must not load spaCy or the model."""
    code = "import sys, accord_extract; print('spacy' in sys.modules, 'dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_pipeline_loaded_once(extractor):
    from accord_extract.pipeline import load_pipeline

    assert load_pipeline() is load_pipeline()
    assert "parser" not in load_pipeline().pipe_names


def test_components_reachable_through_entry_point():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {
        "accord_sentences",
        "accord_places",
        "accord_organizations",
        "accord_persons",
        "accord_dates",
        "accord_sectors",
        "accord_agreements",
    } <= names
