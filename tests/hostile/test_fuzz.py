"""Issue 17: the fuzzing harness over every input (tests/hostile/fuzz.py). Every corpus case
and every fuzzed input must end read or refused with a message: a traceback, a hang or memory
past the limit fails. ``RUNCOACH_FUZZ_EXAMPLES=N`` sets the inputs per target (short here)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.corpus import corpus
from tests.hostile.fuzz import Worker
from tests.hostile.fuzz_targets import TARGETS

EXAMPLES = int(os.environ.get("RUNCOACH_FUZZ_EXAMPLES", "12"))  # per target in the suite
MUTATIONS = ("flip", "insert", "delete", "repeat", "truncate", "extreme")
EXTREMES = (b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x80\x00\x00\x00", b"\0\0\0\0", b"9" * 40)


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.close()
    print(f"\nfuzzed inputs run: {dict(running.counts)} ({sum(running.counts.values())} in all)")


CASES = [(target, name) for target, cases in corpus().items() for name in cases]


def test_every_input_kind_has_a_target_and_a_corpus() -> None:
    assert set(corpus()) == set(TARGETS)
    assert all(corpus()[target] for target in TARGETS)


@pytest.mark.parametrize(("target", "name"), CASES, ids=[f"{t}:{n}" for t, n in CASES])
def test_every_corpus_case_ends_read_or_refused(worker: Worker, target: str, name: str) -> None:
    outcome = worker.run(target, corpus()[target][name])
    assert outcome.fine, f"{target}:{name}: {outcome.kind}\n{outcome.detail}"


def _apply(seed: bytes, edits: list[tuple[str, float, bytes]]) -> bytes:
    data = bytearray(seed)
    for kind, where, value in edits:
        at = int(where * len(data))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= value[0] or 1
        elif kind == "insert":
            data[at:at] = value
        elif kind == "delete":
            del data[at : at + len(value) * 8]
        elif kind == "repeat":
            data[at:at] = bytes(data[at : at + 64]) * (1 + value[0] % 32)
        elif kind == "truncate":
            del data[at:]
        elif kind == "extreme":
            data[at : at + 4] = EXTREMES[value[0] % len(EXTREMES)]
    return bytes(data)


def fuzzed(target: str) -> st.SearchStrategy[bytes]:
    edit = st.tuples(st.sampled_from(MUTATIONS), st.floats(0, 1), st.binary(min_size=1, max_size=8))
    seeds = [data for data in corpus()[target].values() if len(data) < 4 * 1024 * 1024]
    mutated = st.builds(_apply, st.sampled_from(seeds), st.lists(edit, min_size=1, max_size=6))
    return st.one_of(mutated, mutated, st.binary(max_size=4096))


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzzed_inputs_end_read_or_refused(worker: Worker, target: str) -> None:
    @given(data=fuzzed(target))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def check(data: bytes) -> None:
        outcome = worker.run(target, data)
        assert outcome.fine, f"{target}: {outcome.kind}\n{outcome.detail}"

    check()
