"""Free-text redaction on one long comment: time against length (issue 14).

``redact_text`` must grow linearly with the length of the comment. Measured on
the worst case for the old regular expression (a long run of word characters
with no ``@``, then an address) and on ordinary prose, at doubling lengths;
each size's time is divided by the time of the size before: about 2x per
doubling is linear, about 4x quadratic. The target compares the time per
character of the longest comment with that of 160,000 characters (8x
shorter; below that the text fits in the CPU caches and each character is
cheaper, a step that is not growth): linear is about 1x (other load on the
machine adds noise), quadratic 8x. The old pattern (``re.sub`` with ``[\\w.+-]+@...``)
is measured beside it on the smallest sizes only (it is quadratic: 80,000
characters took 10 s).
"""

from __future__ import annotations

import argparse
import re
import time

#: Longest comment the old quadratic pattern is timed on (seconds grow as n^2).
OLD_LIMIT = 20_000
#: Time per character of the longest comment / that of BASE characters: at most this.
TARGET_PER_CHAR = 2.0
BASE = 160_000

_OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _texts(n: int) -> dict[str, str]:
    words = (
        "Kiitos hyvästä koulutuksesta, lisää tällaisia! Soita 040 123 4567 tai maija@example.fi. "
    )
    return {
        "word run": "a" * (n - 17) + " maija@example.fi",
        "prose": (words * (n // len(words) + 1))[:n],
    }


def _best(fn, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def bench_redaction(args: argparse.Namespace) -> str:
    """Time ``redact_text`` on comments of doubling length; return "met" or "not met"."""
    from kalliola_analysis.io.pseudonyms import REDACTED, redact_text

    sizes = (
        [10_000, 20_000, 40_000, 80_000]
        if args.quick
        else [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000]
    )
    repeats = 1 if args.quick else 3
    print("== Redaction: redact_text on one long comment (e-mail, identity code, phone) ==")
    print(f"sizes: {', '.join(f'{n:,}' for n in sizes)} characters; best of {repeats}")
    print(f"'old' = the previous re.sub pattern, timed up to {OLD_LIMIT:,} characters")
    header = f"{'text':<10}{'chars':>11}{'seconds':>10}{'us/char':>9}{'x prev':>8}{'old s':>9}"
    print(header)
    print("-" * len(header))
    ok = True
    for kind in ("word run", "prose"):
        prev = None
        per_char = {}
        for n in sizes:
            text = _texts(n)[kind]
            took = _best(redact_text, text, repeats)
            ratio = took / prev if prev else float("nan")
            old = (
                f"{_best(lambda s: _OLD_EMAIL.sub(REDACTED, s), text, 1):9.3f}"
                if n <= OLD_LIMIT
                else f"{'-':>9}"
            )
            per_char[n] = took / n
            print(
                f"{kind:<10}{n:>11,}{took:>10.4f}{took / n * 1e6:>9.3f}"
                + (f"{ratio:>7.2f}x" if prev else f"{'-':>8}")
                + old
            )
            prev = took
        base = BASE if BASE in per_char else sizes[0]
        growth = per_char[sizes[-1]] / per_char[base]
        ok &= growth <= TARGET_PER_CHAR
        print(
            f"  {kind}: time per character at {sizes[-1]:,} / at {base:,} = {growth:.2f}x "
            f"(linear ~1x, quadratic {sizes[-1] / base:.0f}x)"
        )
    print(
        f"target: time per character grows at most {TARGET_PER_CHAR:.0f}x from {BASE:,} characters "
        f"to the longest -> {'MET' if ok else 'NOT MET'}"
    )
    print("(a cell over 32,767 characters is refused when read; the sizes above test the function)")
    return "met" if ok else "not met"
