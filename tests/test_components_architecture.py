"""The dashboard's layering rules, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
UI_FILES += sorted((ROOT / "components").glob("*.py"))


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_components_only_state_touches_session_state_and_query_params():
    offenders = [
        name(p)
        for p in UI_FILES
        if p.name != "state.py"
        and ("session_state" in p.read_text() or "query_params" in p.read_text())
        and p.name not in ("drilldown.py", "layout.py")
    ]
    assert offenders == []
    for p in (ROOT / "components" / "drilldown.py", ROOT / "components" / "layout.py"):
        text = p.read_text()
        assert "st.session_state" not in text and "st.query_params" not in text


def test_components_only_cache_caches():
    offenders = [
        name(p)
        for p in UI_FILES
        if p.name != "cache.py"
        and ("cache_data" in p.read_text() or "cache_resource" in p.read_text())
    ]
    assert offenders == []


def test_components_charts_are_pure():
    assert not {"streamlit"} & {m.split(".")[0] for m in imports(ROOT / "components" / "charts.py")}
    for pure in ("frames.py", "briefing.py", "views.py", "chart_base.py"):
        assert "streamlit" not in {m.split(".")[0] for m in imports(ROOT / "components" / pure)}


def test_components_pages_only_compose_components():
    for page in (ROOT / "pages").glob("*.py"):
        roots = {m.split(".")[0] for m in imports(page)}
        assert roots <= {"streamlit", "components"}, name(page)


def test_components_modules_are_small_and_documented():
    for p in UI_FILES:
        lines = p.read_text().splitlines()
        assert len(lines) < 300, name(p)
        assert ast.get_docstring(ast.parse("\n".join(lines))), name(p)
