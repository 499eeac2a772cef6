"""Form engine benchmark: time to validate, compute and summarize a full answer set of every shipped form.

Prints figures, asserts nothing: per form, the median and p95 of `validate` on a complete
submitted answer set (target, issue 4: a full form in ≤ 2 ms), then of `compute` and
`summarize`, over many runs after a warm-up (definitions loaded and expressions parsed once).

    .venv/bin/python tests/benchmarks/forms_bench.py [--runs 500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms"))

from complete_answers import COMPLETE, TODAY

from hubdesk.domain.reference import load_reference_data
from hubdesk.forms import FormContext, FormRegistry, compute, summarize, validate

TARGET_MS = 2.0


def timed(action: Callable[[], Any], runs: int) -> tuple[float, float]:
    action()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    registry = FormRegistry()
    context = FormContext(load_reference_data(), today=TODAY)
    print(f"{'form':<24} {'fields':>6} {'validate p50/p95 ms':>20} {'compute p50':>12} {'summary p50/p95 ms':>20}")
    worst = 0.0
    for form_id, answers in sorted(COMPLETE.items()):
        definition = registry.load(form_id)
        assert validate(definition, answers, submitted=True, context=context) == [], form_id
        fields = sum(1 + len(f.fields) for f in definition.all_fields())
        v50, v95 = timed(partial(validate, definition, answers, submitted=True, context=context), args.runs)
        c50, _ = timed(partial(compute, definition, answers, context), args.runs)
        s50, s95 = timed(partial(summarize, definition, answers, context, "fr"), max(args.runs // 5, 20))
        worst = max(worst, v95)
        print(f"{form_id:<24} {fields:>6} {v50:>9.3f} / {v95:<8.3f} {c50:>12.3f} {s50:>9.3f} / {s95:<8.3f}")
    verdict = "within" if worst <= TARGET_MS else "ABOVE"
    print(f"\nslowest validation p95: {worst:.3f} ms — {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
