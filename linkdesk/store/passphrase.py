"""Rules for a new passphrase: the minimum length and a plain-English strength hint."""

from __future__ import annotations

from .errors import WeakPassphrase

MIN_LENGTH = 10


def validate_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    """Raise WeakPassphrase with a message a person can act on."""
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(
            f"The passphrase must be at least {MIN_LENGTH} characters long "
            f"(it has {len(passphrase)})."
        )
    if passphrase.strip() != passphrase:
        raise WeakPassphrase("The passphrase must not start or end with a space.")
    if repeated is not None and passphrase != repeated:
        raise WeakPassphrase("The two passphrases are not the same. Type them again.")


def strength_hint(passphrase: str) -> str:
    """A short hint shown as the person types. Length matters far more than symbols."""
    length = len(passphrase)
    if length == 0:
        return "Use at least 10 characters. Three or four unrelated words are easy to remember."
    if length < MIN_LENGTH:
        return f"Too short: {MIN_LENGTH - length} more characters needed."
    if len(set(passphrase)) <= 3:
        return "Weak: too many repeated characters."
    kinds = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        ]
    )
    if length >= 20 or (length >= 14 and kinds >= 2):
        return "Strong."
    return "Fair: a longer passphrase, such as four unrelated words, is stronger."
