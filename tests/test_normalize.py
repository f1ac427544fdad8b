"""Folding keeps length, so offsets into the folded text are offsets into the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawie.normalize import fold


def test_full_width_and_brackets():
    assert fold("（一）办结率９８．６％，共２７场") == "(一)办结率98.6%,共27场"


def test_traditional_to_simplified_character_by_character():
    assert fold("縣政府辦公室覆蓋率達到") == "县政府办公室覆盖率达到"


def test_characters_valid_in_simplified_text_stay():
    assert fold("覆盖 乾隆 于是") == "覆盖 乾隆 于是"


@settings(max_examples=200, derandomize=True)
@given(st.text())
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)
