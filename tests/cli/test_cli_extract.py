"""``attribution extract``: inputs, every output format, exit codes, --url against gunicorn."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from service.cli.output import CSV_COLUMNS
from tests.support.contract import check_piece, check_result

A = '"We will not back down," the minister said on Monday.\nTalks resume next week.\n'
B = 'The council met.\n“Prices will fall,” a spokesperson for the bank said. “Soon.”\n'
NO_QUOTES = "The council met on Monday and adjourned at noon.\n"


@pytest.fixture()
def drafts(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def _results(ran):
    assert ran.code == 0, ran.err
    body = json.loads(ran.out)
    assert list(body) == ["results"]
    return body["results"]


def _assert_result(result, doc_id, text):
    assert result["id"] == doc_id
    check_result(text, result)


def test_json_has_one_result_per_file_in_order(cli, drafts):
    a, b = str(drafts / "a.txt"), str(drafts / "b.txt")
    results = _results(cli("extract", a, b))
    assert [r["id"] for r in results] == [a, b]
    _assert_result(results[0], a, A)
    _assert_result(results[1], b, B)
    assert any("We will not back down" in q["text"] for q in results[0]["quotes"])
    assert any("Prices will fall" in q["text"] for q in results[1]["quotes"])


def test_json_is_the_default_and_the_schema_output_of_the_engine(cli, drafts):
    from service.cli.serialize import to_response

    path = str(drafts / "a.txt")
    (result,) = _results(cli("extract", path))
    expected = to_response(A, path)
    result["meta"].pop("elapsed_ms"), expected["meta"].pop("elapsed_ms")
    assert result == expected


def test_jsonl_is_one_result_a_line_same_as_json(cli, drafts):
    ran = cli("extract", "--format", "jsonl", str(drafts))
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert len(lines) == 2
    from_jsonl = [json.loads(line) for line in lines]
    from_json = _results(cli("extract", "--format", "json", str(drafts)))
    for row in from_jsonl + from_json:
        row["meta"].pop("elapsed_ms")
    assert from_jsonl == from_json


def test_csv_has_one_row_per_statement_with_exact_offsets(cli, drafts):
    texts = {str(drafts / "a.txt"): A, str(drafts / "b.txt"): B}
    results = _results(cli("extract", *texts))
    ran = cli("extract", "--format", "csv", *texts)
    assert ran.code == 0, ran.err
    rows = list(csv.reader(io.StringIO(ran.out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row)) for row in rows[1:]]
    assert len(records) == sum(len(r["quotes"]) for r in results)
    assert len(records) >= 2
    for record in records:
        text = texts[record["document"]]
        check_piece(text, int(record["start"]), int(record["end"]), record["text"], "csv row")
        line, column = int(record["line"]), int(record["column"])
        assert text.split("\n")[line - 1][column - 1:].startswith(record["text"].split("\n")[0])
    assert any(r["line"] == "2" for r in records if r["document"].endswith("b.txt"))


def test_table_lists_each_document_and_its_statements(cli, drafts):
    paths = [str(drafts / "a.txt"), str(drafts / "b.txt")]
    counts = [len(r["quotes"]) for r in _results(cli("extract", *paths))]
    ran = cli("extract", "--format", "table", *paths)
    assert ran.code == 0, ran.err
    for path, count in zip(paths, counts):
        noun = "statement" if count == 1 else "statements"
        assert f"{path}: {count} {noun}" in ran.out
    header = [line for line in ran.out.splitlines() if line.startswith("STATEMENT")]
    assert len(header) == sum(1 for c in counts if c)
    assert header[0].split() == ["STATEMENT", "TYPE", "SPEAKER", "GENDER", "AFFILIATION",
                                 "PARTY", "STANCE"]
    assert "We will not back down" in ran.out


# Written for this test: the article gives one speaker's party and both speakers' gender.
PARTY_AND_GENDER = ('Republican Sen. Mark Ellis said he would vote against the bill.\n'
                    '"It costs too much," Ellis said.\n'
                    'Mayor Rosa Diaz said she welcomed the vote.\n')


def test_csv_carries_each_statements_party_and_gender_as_the_json_gives_them(cli, tmp_path):
    path = tmp_path / "senate.txt"
    path.write_text(PARTY_AND_GENDER, encoding="utf-8")
    (result,) = _results(cli("extract", str(path)))
    ran = cli("extract", "--format", "csv", str(path))
    assert ran.code == 0, ran.err
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    got = [(row["quote"], row["party"], row["gender"]) for row in rows]
    want = [(q["id"], (q["affiliation"] or {}).get("party") or "",
             (q["speaker"] or {}).get("gender") or "") for q in result["quotes"]]
    assert got == want
    # Not a comparison of empty cells: the article states a party and both genders.
    assert {party for _, party, _ in got} - {""}
    assert {gender for _, _, gender in got} >= {"female", "male"}


def test_json_carries_party_gender_and_gender_evidence(cli, tmp_path):
    """json and jsonl go through the service's schema: the new fields are in every statement
    and every speaker, and the evidence words are the article's own."""
    path = tmp_path / "senate.txt"
    path.write_text(PARTY_AND_GENDER, encoding="utf-8")
    for fmt in ("json", "jsonl"):
        ran = cli("extract", "--format", fmt, str(path))
        assert ran.code == 0, ran.err
        result = json.loads(ran.out)["results"][0] if fmt == "json" else json.loads(ran.out)
        assert result["quotes"] and result["speakers"]
        for quote in result["quotes"]:
            assert "gender" in quote["speaker"] and "party" in quote["affiliation"]
        for speaker in result["speakers"]:
            assert speaker["gender"] in ("female", "male", None)
            assert bool(speaker["gender_evidence"]) == (speaker["gender"] is not None)
            for word in speaker["gender_evidence"]:
                assert PARTY_AND_GENDER[word["start"]:word["end"]] == word["text"]


def test_a_document_without_statements_is_an_empty_result(cli, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(NO_QUOTES, encoding="utf-8")
    (result,) = _results(cli("extract", str(path)))
    _assert_result(result, str(path), NO_QUOTES)
    ran = cli("extract", "--format", "csv", str(path))
    lines = ran.out.splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)  # the header is there even with no rows
    assert len(lines) == 1 + len(result["quotes"])


def test_directories_recurse_into_txt_files_only(cli, drafts):
    (drafts / "sub").mkdir()
    (drafts / "sub" / "c.txt").write_text(NO_QUOTES, encoding="utf-8")
    (drafts / "notes.md").write_text('"Not read," nobody said.', encoding="utf-8")
    ids = [r["id"] for r in _results(cli("extract", str(drafts)))]
    assert ids == [str(drafts / "a.txt"), str(drafts / "b.txt"), str(drafts / "sub" / "c.txt")]


def test_globs_are_expanded_and_files_named_twice_read_once(cli, drafts):
    pattern = str(drafts / "*.txt")
    ids = [r["id"] for r in _results(cli("extract", pattern, str(drafts / "a.txt")))]
    assert ids == [str(drafts / "a.txt"), str(drafts / "b.txt")]


def test_stdin_is_a_document(cli):
    results = _results(cli("extract", "-", stdin=A))
    _assert_result(results[0], "<stdin>", A)
    results = _results(cli("extract", "--stdin-name", "draft.txt", "-", stdin=A))
    assert results[0]["id"] == "draft.txt"


def test_jsonl_input_gives_ids_from_records_and_line_numbers(cli, tmp_path):
    archive = tmp_path / "archive.jsonl"
    archive.write_text(json.dumps({"id": "x-1", "text": A}) + "\n\n"
                       + json.dumps({"text": B}) + "\n"
                       + json.dumps({"id": 7, "text": NO_QUOTES}) + "\n", encoding="utf-8")
    results = _results(cli("extract", str(archive)))
    assert [r["id"] for r in results] == ["x-1", "3", "7"]
    for result, text in zip(results, (A, B, NO_QUOTES)):
        _assert_result(result, result["id"], text)


def test_jsonl_on_stdin(cli):
    lines = json.dumps({"id": "s", "text": B}) + "\n"
    results = _results(cli("extract", "--input-format", "jsonl", "-", stdin=lines))
    _assert_result(results[0], "s", B)


def test_bad_jsonl_lines_are_input_errors_but_the_rest_is_done(cli, tmp_path):
    archive = tmp_path / "archive.jsonl"
    archive.write_text('{"id": "ok", "text": "Fine."}\nnot json\n{"id": "n", "text": 5}\n[1]\n',
                       encoding="utf-8")
    ran = cli("extract", "--format", "jsonl", str(archive))
    assert ran.code == 2
    assert [json.loads(line)["id"] for line in ran.out.splitlines()] == ["ok"]
    for line_number in (2, 3, 4):
        assert f"{archive}:{line_number}:" in ran.err


def test_missing_file_is_exit_2_and_other_files_are_still_done(cli, drafts):
    missing = str(drafts / "missing.txt")
    ran = cli("extract", str(drafts / "a.txt"), missing)
    assert ran.code == 2
    assert missing in ran.err
    assert [r["id"] for r in json.loads(ran.out)["results"]] == [str(drafts / "a.txt")]


@pytest.mark.parametrize("args", [["extract"], ["extract", "--format", "xml", "a.txt"],
                                  ["nonsense"], [], ["extract", "--retries", "-1", "-"]])
def test_usage_errors_exit_2(cli, args):
    assert cli(*args).code == 2


def test_a_glob_matching_nothing_and_an_empty_directory_are_input_errors(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    ran = cli("extract", str(tmp_path / "*.txt"), str(tmp_path / "empty"))
    assert ran.code == 2
    assert "no file matches" in ran.err and "no .txt files" in ran.err
    assert ran.out == ""


def test_invalid_utf8_is_an_input_error(cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("“Café,” he said.".encode("cp1252"))
    ran = cli("extract", str(bad))
    assert ran.code == 2
    assert "not UTF-8" in ran.err


def test_byte_order_mark_is_not_part_of_the_text(cli, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + A.encode("utf-8"))
    (result,) = _results(cli("extract", str(path)))
    _assert_result(result, str(path), A)


def test_windows_line_endings_are_kept_so_offsets_index_the_file(cli, tmp_path):
    text = A.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    (result,) = _results(cli("extract", str(path)))
    _assert_result(result, str(path), text)


def test_url_gives_the_same_json_as_in_process(cli, drafts, service_url):
    local = _results(cli("extract", str(drafts)))
    remote = _results(cli("extract", "--url", service_url, str(drafts)))
    for result in local + remote:
        result["meta"].pop("elapsed_ms")
    assert remote == local
    assert len(remote) == 2


def test_url_with_every_format(cli, drafts, service_url):
    for fmt in ("jsonl", "csv", "table"):
        local = cli("extract", "--format", fmt, str(drafts))
        remote = cli("extract", "--format", fmt, "--url", service_url, str(drafts))
        assert remote.code == local.code == 0, remote.err
        if fmt == "jsonl":
            strip = re.compile(r'"elapsed_ms": [0-9.e-]+')
            assert strip.sub("", remote.out) == strip.sub("", local.out)
        else:
            assert remote.out == local.out


def test_url_document_refused_by_the_service_is_exit_2_others_done(cli, tmp_path, service_url):
    archive = tmp_path / "archive.jsonl"
    archive.write_text("\n".join(json.dumps(d) for d in [
        {"id": "good", "text": A}, {"id": "x" * 300, "text": B}, {"id": "also-good", "text": B},
    ]) + "\n", encoding="utf-8")
    ran = cli("extract", "--format", "jsonl", "--url", service_url, str(archive))
    assert ran.code == 2
    assert [json.loads(line)["id"] for line in ran.out.splitlines()] == ["good", "also-good"]
    assert "422" in ran.err


def test_url_unreachable_is_exit_3(cli, tmp_path):
    from tests.support.live_server import free_port

    path = tmp_path / "a.txt"
    path.write_text(A, encoding="utf-8")
    ran = cli("extract", "--url", f"http://127.0.0.1:{free_port()}", "--retries", "0",
              str(path))
    assert ran.code == 3
    assert "service failed" in ran.err


def test_an_internal_error_is_exit_3_with_a_traceback_never_1(cli, tmp_path, monkeypatch):
    import service.cli.serialize as serialize

    def broken(text, doc_id, language="en"):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(serialize, "to_response", broken)
    path = tmp_path / "a.txt"
    path.write_text(A, encoding="utf-8")
    for command in ("extract", "check"):
        ran = cli(command, str(path))
        assert ran.code == 3
        assert "internal error" in ran.err and "RuntimeError: engine exploded" in ran.err
