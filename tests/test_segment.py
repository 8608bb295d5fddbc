"""jieba's words, with the dictionary from visitlog's own cache (rules/segment.py)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from visitlog.rules import segment

SENTENCES = [
    "询问肝肾毒性数据", "肝肾毒性怎么样？", "医保报销比例和准入进度", "患者依从性差，漏服怎么办",
    "和某竞品A相比低血糖风险如何", "老年患者能不能减量使用", "指南推荐的一线用药是什么",
    "想了解真实世界研究的结果", "What about renal dosing in elderly patients?", "科室会的时间定在下周四下午",
    "", "！？", "格列沐的长期随访数据什么时候发表",
]


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(segment, "_TOKENIZER", None)
    yield tmp_path / "cache" / "visitlog"
    segment._TOKENIZER = None


def reference():
    import jieba

    own = jieba.Tokenizer()
    own.tmp_dir = tempfile.mkdtemp()                   # jieba's own cache, kept out of the shared folder
    return own


def test_same_words_as_jieba(private_cache):
    own = reference()
    for text in SENTENCES:
        assert segment.cut(text) == own.lcut(text), text
    assert (private_cache / "jieba-dict.sqlite").is_file()
    assert oct(private_cache.stat().st_mode & 0o777) == "0o700"


def test_the_dictionary_is_built_once_and_then_read(private_cache, monkeypatch):
    segment.cut("询问肝肾毒性数据")
    built = (private_cache / "jieba-dict.sqlite").stat().st_mtime_ns
    segment._TOKENIZER = None
    monkeypatch.setattr(segment, "_build", lambda *a: pytest.fail("rebuilt a good dictionary"))
    assert segment.cut("肝肾毒性怎么样") == reference().lcut("肝肾毒性怎么样")
    assert (private_cache / "jieba-dict.sqlite").stat().st_mtime_ns == built


def test_a_damaged_dictionary_is_rebuilt(private_cache):
    segment.cut("询问")
    (private_cache / "jieba-dict.sqlite").write_bytes(b"not a database")
    segment._TOKENIZER = None
    assert segment.cut("医保报销比例") == reference().lcut("医保报销比例")


def test_nothing_is_written_to_the_shared_temporary_folder(private_cache):
    shared = Path(tempfile.gettempdir()) / "jieba.cache"
    before = shared.stat().st_mtime_ns if shared.exists() else None
    segment.cut("患者依从性差")
    after = shared.stat().st_mtime_ns if shared.exists() else None
    assert after == before


def test_without_a_private_cache_jieba_still_works(tmp_path, monkeypatch):
    monkeypatch.setattr(segment, "_TOKENIZER", None)
    monkeypatch.setattr(segment, "_cache_folder", lambda: None)
    try:
        assert segment.cut("指南推荐的一线用药") == reference().lcut("指南推荐的一线用药")
    finally:
        segment._TOKENIZER = None
