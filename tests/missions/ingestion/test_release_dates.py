"""The release-date rule on hand-written evidence: metadata within its bounds, else Last-Modified, else observed."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missions.ingestion.release_dates import DateEvidence, ReleaseEvidence, decide_release_date, decide_release_dates

D = date.fromisoformat
TODAY = D("2026-06-01")


def _one(**kwargs):
    return decide_release_date(ReleaseEvidence(key=1, fetched_on=TODAY, **kwargs))


@pytest.mark.parametrize(
    ("evidence", "expected", "basis"),
    [
        ({"metadata_dates": (D("2026-02-19"),)}, ("2026-02-19", "metadata"), "metadata sourceDate"),
        ({"metadata_dates": (D("2025-01-01"), D("2025-03-01"))}, ("2025-03-01", "metadata"), "the latest is used"),
        ({"last_modified": D("2026-05-20")}, ("2026-05-20", "last_modified"), "no sourceDate in the metadata"),
        ({"supplied": D("2025-03-11")}, ("2025-03-11", "supplied"), "the date supplied"),
        ({}, ("2026-06-01", "fetched"), "the fetch date"),
        ({"metadata_dates": (D("2026-07-01"),)}, ("2026-06-01", "fetched"), "after the file was observed"),
        ({"metadata_dates": (D("2024-10-29"),), "supplied": D("2025-03-11")}, ("2024-10-29", "metadata"), ""),
        ({"last_modified": D("2026-06-02"), "supplied": D("2025-03-11")}, ("2025-03-11", "supplied"), ""),
    ],
)
def test_one_release_is_dated_by_the_best_evidence_within_its_bounds(evidence, expected, basis):
    decision = _one(**evidence)
    assert (decision.release_date.isoformat(), decision.evidence) == expected
    assert basis in decision.basis


def test_a_supplied_date_after_the_fetch_is_capped_at_the_fetch_date():
    assert ReleaseEvidence(key=1, fetched_on=TODAY, supplied=D("2027-01-01")).observed_on == TODAY


CURRENT = ReleaseEvidence(key=1, fetched_on=TODAY, metadata_dates=(D("2024-01-10"),))
BACKFILL = ReleaseEvidence(key=2, fetched_on=TODAY, metadata_dates=(D("2024-10-29"),), supplied=D("2025-03-11"))


def test_a_current_file_whose_metadata_is_older_than_a_backfills_supplied_date_still_ranks_after_it():
    decisions = decide_release_dates([CURRENT, BACKFILL])
    assert decisions[2].release_date == D("2024-10-29") and decisions[2].evidence == DateEvidence.METADATA
    assert decisions[1].release_date == TODAY and decisions[1].evidence == DateEvidence.FETCHED
    assert "sourceDate 2024-01-10 is stale: release 2, which this file replaced, was observed on 2025-03-11" in (
        decisions[1].basis
    )


def test_a_stale_metadata_date_gives_way_to_a_last_modified_after_the_replaced_release_was_observed():
    current = ReleaseEvidence(1, TODAY, (D("2024-01-10"),), last_modified=D("2025-09-01"))
    decisions = decide_release_dates([current, BACKFILL])
    assert (decisions[1].release_date, decisions[1].evidence) == (D("2025-09-01"), DateEvidence.LAST_MODIFIED)


def test_a_last_modified_before_the_replaced_release_was_observed_is_not_used():
    current = ReleaseEvidence(1, TODAY, (D("2024-01-10"),), last_modified=D("2025-01-01"))
    decisions = decide_release_dates([current, BACKFILL])
    assert (decisions[1].release_date, decisions[1].evidence) == (TODAY, DateEvidence.FETCHED)


def test_a_backfill_without_metadata_takes_its_supplied_date_and_the_current_file_still_follows():
    backfill = ReleaseEvidence(key=2, fetched_on=TODAY, supplied=D("2025-03-11"))
    decisions = decide_release_dates([CURRENT, backfill])
    assert decisions[2].release_date == D("2025-03-11") and decisions[2].evidence == DateEvidence.SUPPLIED
    assert decisions[1].release_date == TODAY


def test_a_later_file_repeating_the_replaced_files_metadata_date_is_dated_when_observed():
    # The bundled Ofcom vintages: observed 2024-12-19 and 2025-06-03, both say 05/12/2024, other content.
    first = ReleaseEvidence(1, TODAY, (D("2024-12-05"),), supplied=D("2024-12-19"))
    second = ReleaseEvidence(2, TODAY, (D("2024-12-05"),), supplied=D("2025-06-03"))
    decisions = decide_release_dates([second, first])
    assert [decisions[k].release_date for k in (1, 2)] == [D("2024-12-05"), D("2025-06-03")]
    assert decisions[2].evidence == DateEvidence.SUPPLIED


def test_files_observed_the_same_day_do_not_constrain_each_other():
    a = ReleaseEvidence(1, TODAY, (D("2025-02-01"),))
    b = ReleaseEvidence(2, TODAY, (D("2025-02-01"),))
    assert {d.release_date for d in decide_release_dates([a, b]).values()} == {D("2025-02-01")}


DAYS = st.dates(min_value=D("2020-01-01"), max_value=D("2026-06-01"))
EVIDENCE = st.tuples(
    st.lists(DAYS, max_size=2), st.one_of(st.none(), DAYS), st.one_of(st.none(), DAYS), st.integers(0, 400)
)


@given(st.lists(EVIDENCE, min_size=1, max_size=8))
def test_release_dates_never_rank_a_file_before_one_observed_earlier(items):
    releases = [
        ReleaseEvidence(key, TODAY - timedelta(days=lag), tuple(sorted(set(meta))), modified, supplied)
        for key, (meta, modified, supplied, lag) in enumerate(items)
    ]
    decisions = decide_release_dates(releases)
    for r in releases:
        assert decisions[r.key].release_date <= r.observed_on
    by_date = sorted(releases, key=lambda r: (decisions[r.key].release_date, r.observed_on, r.key))
    observed = [r.observed_on for r in by_date]
    assert observed == sorted(observed)
    assert decide_release_dates(reversed(releases)) == decisions
