"""Direction rules: right-to-left paragraphs read right to left, numbers stay dialable."""

from linkdesk.documents.bidi import LTR, RTL, base_direction, levels, piece_class, visual_order


def _visual(pieces: list[str], direction: str) -> list[str]:
    order = visual_order(levels([piece_class(piece) for piece in pieces], direction))
    return [pieces[index] for index in order]


def test_a_paragraph_mostly_in_urdu_or_arabic_is_right_to_left():
    assert base_direction("آپ کیسے ہیں") == RTL
    assert base_direction("Ahmed: آپ کیسے ہیں") == RTL
    assert base_direction("My name is احمد") == LTR
    assert base_direction("0121 496 0000") == LTR


def test_right_to_left_words_are_laid_out_from_the_right():
    assert _visual(["آپ", " ", "کیسے", " ", "ہیں"], RTL) == ["ہیں", " ", "کیسے", " ", "آپ"]


def test_a_phone_number_inside_urdu_keeps_its_digit_groups_in_order():
    pieces = ["ہمیں", " ", "0121", " ", "496", " ", "0000", " ", "پر"]
    assert _visual(pieces, RTL) == ["پر", " ", "0121", " ", "496", " ", "0000", " ", "ہمیں"]


def test_english_inside_urdu_reads_left_to_right():
    pieces = ["کال", " ", "NHS", " ", "111", " ", "کریں"]
    assert _visual(pieces, RTL) == ["کریں", " ", "NHS", " ", "111", " ", "کال"]


def test_an_arabic_name_inside_english_is_reversed_as_a_whole():
    pieces = ["Meet", " ", "أحمد", " ", "بن", " ", "علي", " ", "today"]
    assert _visual(pieces, LTR) == ["Meet", " ", "علي", " ", "بن", " ", "أحمد", " ", "today"]


def test_english_text_is_left_alone():
    pieces = ["Walk", " ", "at", " ", "10:00", " ", "daily"]
    assert _visual(pieces, LTR) == pieces
