"""Forms print in the language asked for, whatever the language of the command, with
their words whole: French runs a third longer than English in the same columns."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.entry import main
from desktop.reports.registry import TEMPLATES
from tests.reports.report_checks import pdf_text


def test_every_blank_template_prints_in_french_with_its_words_whole(tmp_path: Path) -> None:
    for spec in TEMPLATES:
        out = tmp_path / f"{spec.id}.pdf"
        assert main(["report", "template", spec.id, "--lang", "fr", "--out", str(out)]) == 0
        words = pdf_text(out)
        assert "Page 1 sur" in words, spec.id
        assert "Confidentiel" in words, spec.id
        # a word cut by a narrow column would print as "handicapée" and "s"
        if "handicap" in words:
            assert "handicapées" in words.replace("\n", " "), spec.id


def test_a_printout_keeps_its_own_language(tmp_path: Path) -> None:
    out = tmp_path / "meeting.pdf"
    assert main(["--lang", "fr", "report", "template", "meeting-record", "--out", str(out)]) == 0
    assert "Compte rendu de réunion" in pdf_text(out)
    english = tmp_path / "meeting-en.pdf"
    assert (
        main(
            [
                "--lang",
                "fr",
                "report",
                "template",
                "meeting-record",
                "--lang",
                "en",
                "--out",
                str(english),
            ]
        )
        == 0
    )
    assert "Meeting record" in pdf_text(english)
