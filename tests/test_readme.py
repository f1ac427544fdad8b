"""The README's Python session runs as written: its outputs are real outputs."""

import doctest
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_python_session(monkeypatch):
    monkeypatch.chdir(ROOT)  # the session opens corpus files by relative path
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    session = "\n".join(block for block in re.findall(r"```python\n(.*?)```", text, re.S) if ">>>" in block)
    assert session.count(">>>") >= 10
    test = doctest.DocTestParser().get_doctest(session, {}, "README", str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    differences: list[str] = []  # doctest swaps sys.stdout while it runs: collect, then show
    result = runner.run(test, out=differences.append)
    assert result.failed == 0, f"{result.failed} of {result.attempted} README examples differ:\n" + "".join(differences)
