"""Hypothesis strategies for synthetic reports (see ``auditor.synth``)."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from auditor import synth


@st.composite
def generated_reports(draw: st.DrawFn, layouts: tuple[str, ...] = synth.LAYOUTS) -> tuple[synth.Spec, str, str]:
    """``(spec, layout, text)``: a random valid report rendered in one layout with random noise."""
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    layout = draw(st.sampled_from(layouts))
    rng = random.Random(seed)
    return synth.generate(rng, layout)
