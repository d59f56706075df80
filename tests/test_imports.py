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

    from spacy.util import load_config

    from accord_extract.pipeline import config_path

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    config = load_config(config_path())
    ours = {settings["factory"] for settings in config["components"].values()}
    assert ours and ours <= names  # every project component of the pipeline is reachable by spacy.load
