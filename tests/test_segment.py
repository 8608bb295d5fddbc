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
    monkeypatch.setattr(segment, "_MEMORY", None)
    yield tmp_path / "cache" / "visitlog"
    segment._TOKENIZER = None
    segment._MEMORY = None


def fresh_run():
    """What a new process starts from: no tokenizer, no open segmentation file."""
    segment._TOKENIZER = None
    segment._MEMORY = None


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
    fresh_run()
    monkeypatch.setattr(segment, "_build", lambda *a: pytest.fail("rebuilt a good dictionary"))
    assert segment.cut("肝肾毒性怎么样") == reference().lcut("肝肾毒性怎么样")
    assert (private_cache / "jieba-dict.sqlite").stat().st_mtime_ns == built


def test_a_damaged_dictionary_is_rebuilt(private_cache):
    segment.cut("询问")
    (private_cache / "jieba-dict.sqlite").write_bytes(b"not a database")
    fresh_run()
    assert segment.cut("医保报销比例") == reference().lcut("医保报销比例")


def test_nothing_is_written_to_the_shared_temporary_folder(private_cache):
    shared = Path(tempfile.gettempdir()) / "jieba.cache"
    before = shared.stat().st_mtime_ns if shared.exists() else None
    segment.cut("患者依从性差")
    after = shared.stat().st_mtime_ns if shared.exists() else None
    assert after == before


def test_without_a_private_cache_jieba_still_works(tmp_path, monkeypatch):
    monkeypatch.setattr(segment, "_TOKENIZER", None)
    monkeypatch.setattr(segment, "_MEMORY", None)
    monkeypatch.setattr(segment, "_cache_folder", lambda: None)
    try:
        assert segment.cut("指南推荐的一线用药") == reference().lcut("指南推荐的一线用药")
        segment.flush()
    finally:
        segment._TOKENIZER = None
        segment._MEMORY = None


# ---------------------------------------------------------------- remembered segmentations
def test_a_second_run_answers_from_memory_without_importing_jieba(tmp_path):
    """Two processes: the first segments (jieba) and stores; the second gets the same words, jieba never imported."""
    import json
    import subprocess
    import sys

    code = ("import json, sys; from visitlog.rules import segment; "
            "words = [segment.cut(t) for t in json.loads(sys.argv[1])]; segment.flush(); "
            "print(json.dumps([words, 'jieba' in sys.modules]))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    texts = json.dumps(SENTENCES)
    runs = [json.loads(subprocess.run([sys.executable, "-c", code, texts], env=env, capture_output=True,
                                      text=True, check=True).stdout) for _ in range(2)]
    assert runs[0][1] is True and runs[1][1] is False
    assert runs[0][0] == runs[1][0] == [reference().lcut(t) for t in SENTENCES]


def test_the_segmentation_file_holds_no_text_of_the_notes(private_cache):
    texts = ["患者依从性差，漏服怎么办", "医保报销比例和准入进度"]
    for text in texts:
        segment.cut(text)
    segment.flush()
    assert oct((private_cache / "jieba-cuts.sqlite").stat().st_mode & 0o777) == "0o600"
    stored = (private_cache / "jieba-cuts.sqlite").read_bytes()
    for text in texts:
        for word in segment.cut(text):
            if len(word) > 1:
                assert word.encode("utf-8") not in stored, word


def test_remembered_words_are_jiebas_and_a_bad_row_is_not_used(private_cache, monkeypatch):
    import sqlite3

    for text in SENTENCES:
        segment.cut(text)
    segment.flush()
    fresh_run()
    monkeypatch.setattr(segment, "tokenizer", lambda: pytest.fail("jieba asked for a remembered text"))
    assert [segment.cut(t) for t in SENTENCES] == [reference().lcut(t) for t in SENTENCES]
    monkeypatch.undo()
    con = sqlite3.connect(private_cache / "jieba-cuts.sqlite")
    con.execute("UPDATE cuts SET lengths='1,1'")         # no longer adds up to the texts
    con.commit()
    con.close()
    fresh_run()
    assert segment.cut("医保报销比例和准入进度") == reference().lcut("医保报销比例和准入进度")


def test_a_damaged_segmentation_file_is_started_afresh(private_cache):
    segment.cut("询问肝肾毒性数据")
    segment.flush()
    (private_cache / "jieba-cuts.sqlite").write_bytes(b"not a database at all" * 100)
    fresh_run()
    assert segment.cut("肝肾毒性怎么样") == reference().lcut("肝肾毒性怎么样")
    segment.flush()
    fresh_run()
    assert segment._memory().get("肝肾毒性怎么样") == reference().lcut("肝肾毒性怎么样")


def test_two_installs_of_the_same_jieba_share_one_key(tmp_path):
    """Two virtual environments hold the same files at other paths and times: one key, no rebuilding."""
    first, second = tmp_path / "a" / "jieba", tmp_path / "b" / "jieba"
    for folder, when in ((first, 1_000_000_000), (second, 2_000_000_000)):
        (folder / "finalseg").mkdir(parents=True)
        for name, data in (("__init__.py", "__version__ = '0.42.1'\n"), ("dict.txt", "词 3 n\n"),
                           ("finalseg/prob_emit.py", "P = {}\n")):
            (folder / name).write_text(data, encoding="utf-8")
            os.utime(folder / name, ns=(when, when))
    assert segment._stamp(first) != segment._stamp(second)
    assert segment._content_key(first) == segment._content_key(second)
    (second / "dict.txt").write_text("词 4 n\n", encoding="utf-8")
    assert segment._content_key(first) != segment._content_key(second)
