"""Tools > Organisation details for printing: saved and read back; a bad logo is refused at once."""

import pytest
from PySide6.QtGui import QColor, QImage

from linkdesk.documents.organisation import print_settings
from linkdesk.store import TEST_KDF, create_store

from ..conftest import PASSPHRASE


@pytest.fixture
def dialog(make_window, qtbot, store_dir):
    create_store(store_dir, PASSPHRASE, kdf=TEST_KDF).close()
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    made = window.show_print_settings()
    qtbot.addWidget(made)
    made.store_under_test = window.store
    return made


def test_name_logo_and_help_text_are_saved(dialog, tmp_path):
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#005EB8"))
    assert image.save(str(logo))
    dialog.name.setText("Kings Heath Link Workers")
    assert dialog.use_logo_file(logo)
    dialog.help_text.setPlainText("Call the surgery on 0121 496 0000\nNHS 111")
    dialog.save()
    saved = print_settings(dialog.store_under_test)
    assert saved.organisation.name == "Kings Heath Link Workers"
    assert saved.organisation.logo == logo.read_bytes()
    assert saved.help_lines == ("Call the surgery on 0121 496 0000", "NHS 111")


def test_a_file_that_is_not_an_image_is_refused_and_the_logo_kept(dialog, tmp_path):
    before = dialog.logo
    fake = tmp_path / "logo.png"
    fake.write_text("not really a picture")
    assert not dialog.use_logo_file(fake)
    assert "not a PNG or JPEG" in dialog.message.text()
    assert dialog.logo == before


def test_saving_without_a_name_keeps_following_the_link_worker_profile(dialog):
    from linkdesk.caseload import practices
    from linkdesk.store.settings import ORGANISATION_NAME, read_setting

    store = dialog.store_under_test
    assert dialog.name.text() == ""  # the fallback is only a placeholder
    dialog.save()
    assert read_setting(store, ORGANISATION_NAME) == ""
    practices.add_link_worker(store, "Jess Adeyemi", organisation="Selly Oak Wellbeing Hub", own_profile=True)
    assert print_settings(store).organisation.name == "Selly Oak Wellbeing Hub"
