"""The layering rules of the design card, checked on the source."""

import ast
import subprocess
import sys

from tests.conftest import ROOT

UI_PACKAGES = {"streamlit", "plotly"}


def imported_roots(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_architecture_models_never_import_ui_packages():
    offenders = {
        str(path.relative_to(ROOT)): sorted(set(imported_roots(path)) & UI_PACKAGES)
        for path in (ROOT / "models").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_architecture_analysis_imports_without_sentence_transformers():
    script = (
        "import sys, models.pipeline, models.queries, models.cli, models.extract\n"
        "print('sentence_transformers' in sys.modules, 'torch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False False", done.stderr
