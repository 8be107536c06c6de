"""Which font prints which script: every character gets a font that has it, or a visible replacement."""

from pathlib import Path

import pytest
import uharfbuzz

from linkdesk.documents import fonts
from linkdesk.documents.fonts import (ARABIC, ATKINSON, BENGALI, DEVANAGARI, GUJARATI, GURMUKHI, HEBREW,
                                      NOTO_SANS, REPLACEMENT, TAMIL, split_runs)
from linkdesk.documents.sample import LINES


def test_every_font_comes_from_an_installed_package_not_the_system():
    for face in fonts.ALL_FACES:
        path = face.regular()
        assert path.is_file(), face.label
        assert "site-packages" in path.parts or "linkdesk" in path.parts, path
        assert not str(path).startswith(("/usr/share/fonts", "C:\\Windows\\Fonts")), path


@pytest.mark.parametrize("text, face", [
    ("Zażółć gęślą jaźń, Łódź", ATKINSON),
    ("Știință, țară", ATKINSON),
    ("آپ کیسے ہیں", ARABIC),
    ("مرحبا بكم", ARABIC),
    ("আমার সোনার বাংলা", BENGALI),
    ("ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ", GURMUKHI),
    ("नमस्ते", DEVANAGARI),
    ("કેમ છો", GUJARATI),
    ("வணக்கம்", TAMIL),
    ("שלום", HEBREW),
    ("Привет, Ελένη", NOTO_SANS),
])
def test_each_script_is_printed_in_a_font_made_for_it(text, face):
    runs = split_runs(text)
    assert [run.face for run in runs] == [face]
    assert runs[0].text == text


def test_a_mixed_sentence_keeps_every_character_in_order():
    text = "Meet Ahmed (احمد) at ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ, Łódź."
    runs = split_runs(text)
    assert "".join(run.text for run in runs) == text
    assert [run.face for run in runs] == [ATKINSON, ARABIC, ATKINSON, GURMUKHI, ATKINSON]
    assert runs[1].text == "احمد) " and runs[1].rtl


def test_digits_and_punctuation_stay_with_the_words_around_them():
    assert [run.face for run in split_runs("مرحبا 12، 3")] == [ARABIC]
    assert [run.face for run in split_runs("12 Łódź Road")] == [ATKINSON]


def test_a_name_is_never_split_between_two_latin_fonts():
    # Atkinson Hyperlegible lacks Vietnamese letters: the whole name moves to Noto Sans.
    runs = split_runs("Nguyễn Văn An")
    assert [(run.text, run.face) for run in runs] == [("Nguyễn Văn An", NOTO_SANS)]


def test_accents_typed_as_combining_marks_stay_on_their_letter():
    runs = split_runs("Jose\u0301 Łuka\u0301sz")
    assert "".join(run.text for run in runs) == "Jose\u0301 Łuka\u0301sz"
    assert all(run.face in (ATKINSON, NOTO_SANS) for run in runs)


def test_characters_no_font_has_become_a_visible_replacement_and_are_reported():
    missing = []
    runs = split_runs("Li 你好 Wei", on_missing=missing.append)
    printed = "".join(run.text for run in runs)
    assert printed == f"Li {REPLACEMENT}{REPLACEMENT} Wei"
    assert missing == ["你", "好"]
    assert ord(REPLACEMENT) in fonts.register(NOTO_SANS)  # the replacement itself is never a box


def _notdef_glyphs(text: str, face) -> int:
    blob = uharfbuzz.Blob(Path(face.regular()).read_bytes())
    font = uharfbuzz.Font(uharfbuzz.Face(blob))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    return sum(info.codepoint == 0 for info in buffer.glyph_infos)


@pytest.mark.parametrize("language, text", LINES)
def test_no_run_of_the_sample_shapes_to_a_missing_glyph(language, text):
    for run in split_runs(text):
        assert _notdef_glyphs(run.text, run.face) == 0, (language, run)


def test_shaping_forms_conjuncts_so_indic_text_is_not_letter_by_letter():
    # ਸ੍ਰ (sa + virama + ra) and क्ष are single shaped clusters, not three separate glyphs.
    for text, face in (("ਸ੍ਰੀ", GURMUKHI), ("क्ष", DEVANAGARI)):
        blob = uharfbuzz.Blob(Path(face.regular()).read_bytes())
        font = uharfbuzz.Font(uharfbuzz.Face(blob))
        buffer = uharfbuzz.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font, buffer, {})
        assert len(buffer.glyph_infos) < len(text), text
