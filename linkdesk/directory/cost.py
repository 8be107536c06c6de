"""What a service costs, in words: "Free", "£3 a session", "£35 per 1 hour session (Under 18s)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
_FREE_WORDS = re.compile(r"\b(free|no charge|no cost|£0|0\.00)\b", re.IGNORECASE)
_NOT_FREE = re.compile(r"\bnot free\b", re.IGNORECASE)


@dataclass(frozen=True)
class Price:
    amount: float | None
    currency: str | None = None
    option: str | None = None
    amount_description: str | None = None


def money(amount: float, currency: str | None = "GBP") -> str:
    symbol = _SYMBOLS.get((currency or "GBP").upper())
    figure = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{symbol}{figure}" if symbol else f"{figure} {(currency or '').upper()}"


def _per(description: str) -> str:
    text = description.strip()
    # "per session" reads as "a session" in the way people write prices on a poster.
    return re.sub(r"^per (?=[a-z])(?!\d)", "a ", text)


def price_text(price: Price) -> str:
    if price.amount == 0:
        return f"Free ({price.option})" if price.option and not _FREE_WORDS.search(price.option) else "Free"
    if price.amount is None:
        return price.option or price.amount_description or ""
    text = money(price.amount, price.currency)
    if price.amount_description:
        text += f" {_per(price.amount_description)}"
    if price.option:
        text += f" ({price.option})"
    return text


def is_free(prices: list[Price], fees_description: str | None = None) -> bool:
    """Free only on evidence: every price is zero, or there are none and the fees text says free."""
    if prices:
        return all(price.amount == 0 or (price.amount is None and _FREE_WORDS.search(price.option or ""))
                   for price in prices)
    text = fees_description or ""
    return bool(_FREE_WORDS.search(text)) and not _NOT_FREE.search(text)


def cost_text(prices: list[Price], fees_description: str | None = None) -> str:
    """One line for the results list and detail pane; empty when nothing is known."""
    if is_free(prices, fees_description):
        return "Free"
    parts = [text for text in (price_text(price) for price in prices) if text]
    if parts:
        return "; ".join(parts)
    return (fees_description or "").strip().split("\n")[0]
