"""What CLDR (through Babel) already knows of a language's numbers: scale words and currency names.

Every locale has compact number formats ("0 bilhões", "00 Milliarden", "0 tỷ", "0 bilion") and the names and
symbols of currencies ("Ringgit Malaysia", "RM", "dólares americanos", "US$"). A language file adds only the
colloquial forms CLDR lacks ("đô la Mỹ", "$", "tỷ USD"); a language without a file still reads amounts.
"""

from __future__ import annotations

import contextlib
import re
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol

# The currencies diplomatic news quotes: ISO 4217 codes, whose names and symbols come from CLDR.
CURRENCIES = (
    "USD", "EUR", "JPY", "CNY", "KRW", "GBP", "RUB", "VND", "IDR", "MYR", "BRL", "INR", "AUD", "CAD", "CHF",
    "SGD", "THB", "PHP", "MXN", "ARS", "CLP", "COP", "TRY", "EGP", "SAR", "AED", "ZAR", "NGN", "LAK", "KHR",
)  # fmt: skip


@cache
def scale_words(code: str) -> dict[str, float]:
    """Scale words of the locale's compact formats ("bilhões" = 1e9, "Mrd." = 1e9, "nghìn tỷ" = 1e12).

    One-letter abbreviations ("K", "B", "T") are left out: alone in running text they are other things."""
    words: dict[str, float] = {}
    with contextlib.suppress(ValueError, LookupError):
        formats = Locale.parse(code).compact_decimal_formats
        for width in ("long", "short"):
            for by_magnitude in formats.get(width, {}).values():  # one table per plural form
                for magnitude, pattern in by_magnitude.items():
                    text = getattr(pattern, "pattern", str(pattern))
                    zeros = text.count("0")
                    word = re.sub(r"[0#]+", "", text).replace("'", "").replace("\xa0", " ").strip()
                    if zeros and len(word.replace(".", "")) >= 2:
                        words.setdefault(word.casefold(), int(magnitude) / 10 ** (zeros - 1))
    return words


@cache
def currency_words(code: str) -> dict[str, str]:
    """Currency names (singular and plural), symbols and ISO codes in the locale, each to its ISO code."""
    words: dict[str, str] = {}
    for iso in CURRENCIES:
        words[iso] = iso
        with contextlib.suppress(ValueError, LookupError):
            for count in (1, 2):
                words.setdefault(get_currency_name(iso, count, locale=code), iso)
            symbol = get_currency_symbol(iso, locale=code)
            if symbol != iso and (len(symbol) > 1 or not symbol.isalpha()):
                words.setdefault(symbol, iso)
    return words
