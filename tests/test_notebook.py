"""The notebook runs headless, top to bottom, with the public API."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "quantities" in text and "Report(org=" in text and "items" in text
    shown = [o.get("data", {}) for o in outputs if o.get("output_type") in ("display_data", "execute_result")]
    assert any("image/png" in data for data in shown), "the chart is shown"
    assert any("<mark" in data.get("text/html", "") for data in shown), "displaCy renders the entities"
    assert not any("&lt;mark" in data.get("text/plain", "") or "<mark" in data.get("text/plain", "") for data in shown)
