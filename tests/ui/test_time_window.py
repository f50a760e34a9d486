"""Time on the chart, the pure part (no database, no browser): what the window hides, folded
links judged by their dates, the slider's span and marks, and the play-through's steps."""

from __future__ import annotations

from ui.chart.delta import for_browser
from ui.chart.elements import empty_state, merge
from ui.chart.filters import ChartFilter, view
from ui.chart.timeline import timeline_figure
from ui.chart.window import (
    chart_days,
    date_of,
    day,
    fit_window,
    inside,
    marks,
    outside_window,
    play_start,
    play_step,
    window_dates,
)
from ui.pages.explore.view import chart_filter, counts

from .test_chart import node, rel


def _recruitment() -> dict:
    """Ana recruited by an agency in 2021, her leg in 2022 to a place, the case opened in
    2023; her phone (undated) hangs off her; a loose note-like person has no link at all."""
    state, _ = merge(empty_state(), [
        node("Person", "ana"), node("RecruitmentAgency", "ag"), node("Phone", "+502"),
        node("Person", "loose"),
        node("TravelLeg", "l1", departed_on="2022-03-01", mode="bus"),
        node("Location", "tap", caption="Tapachula"),
        node("Case", "c1", opened_on="2023-06-01"),
    ], [rel("r", "RECRUITED_BY", "Person:ana", "RecruitmentAgency:ag", on="2021-02-01"),
        rel("hp", "HAS_PHONE", "Person:ana", "Phone:+502"),
        rel("tr", "TRAVELLED", "Person:ana", "TravelLeg:l1"),
        rel("to", "TO", "TravelLeg:l1", "Location:tap"),
        rel("v", "VICTIM_IN", "Person:ana", "Case:c1")])
    return state


def test_the_window_hides_dated_facts_outside_it_and_what_they_leave_alone() -> None:
    elements = _recruitment()["elements"]
    out = outside_window(elements, ("2021-01-01", "2021-12-31"))
    # the leg and the case lie outside; the place only the leg reached goes with it, and
    # the edges to them; Ana stays by her recruitment, her phone by its link to her
    assert out == {"TravelLeg:l1", "tr", "to", "Location:tap", "Case:c1", "v"}
    # the loose person, with no link at all, stays whatever the window
    everything_out = outside_window(elements, ("1990-01-01", "1990-12-31"))
    assert "Person:loose" not in everything_out
    # nothing dated is inside: Ana goes (her recruitment, travel and case are all outside),
    # and her phone, which only she placed, with her; so does the agency
    assert {"Person:ana", "Phone:+502", "hp", "RecruitmentAgency:ag"} <= everything_out
    # folded, her phone is folded into her: she goes all the same
    folded = {e["data"]["id"]: e["classes"]
              for e in view({**_recruitment()}, ChartFilter(window=("1990-01-01", "1990-12-31")))}
    assert folded["Person:ana"] == "hidden outside" and folded["Person:loose"] == ""
    assert [e["data"]["id"] for e in inside(elements, None)] == \
        [e["data"]["id"] for e in elements]


def test_a_dated_node_inside_the_window_keeps_its_undated_links() -> None:
    state = _recruitment()
    state, _ = merge(state, [node("Advertisement", "ad", posted_on="2023-02-01")], [])
    out = outside_window(state["elements"], ("2023-01-01", "2023-12-31"))
    # the case opened in the window keeps its victim (an undated link); an advertisement
    # of the window stays without any link; the 2021 recruiter goes
    assert not {"Case:c1", "v", "Person:ana", "Advertisement:ad"} & out
    assert {"r", "RecruitmentAgency:ag", "TravelLeg:l1"} <= out


def test_a_folded_link_is_judged_by_the_dates_of_what_it_stands_for() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "p"), node("Account", "A"), node("Account", "B"), node("Person", "q"),
        node("Transaction", "t1", date="2021-01-02", amount=100, currency="USD"),
        node("Transaction", "t2", date="2021-09-05", amount=250, currency="USD"),
    ], [rel("h1", "HOLDS", "Person:p", "Account:A"), rel("h2", "HOLDS", "Person:q", "Account:B"),
        rel("s1", "SENT", "Account:A", "Transaction:t1"),
        rel("p1", "PAID_TO", "Transaction:t1", "Account:B"),
        rel("s2", "SENT", "Account:A", "Transaction:t2"),
        rel("p2", "PAID_TO", "Transaction:t2", "Account:B")])
    money = "money:Account:A->Account:B"

    def classes(flt: ChartFilter) -> dict[str, str]:
        return {e["data"]["id"]: e["classes"] for e in view(state, flt)}

    # the link's first transfer is before the window, its second inside: it is shown
    assert classes(ChartFilter(window=("2021-06-01", "2021-12-31")))[money] == ""
    # both transfers outside: the link goes, and the accounts and holders it held there
    hidden = classes(ChartFilter(window=("2022-01-01", "2022-12-31")))
    assert hidden[money] == "hidden outside"
    assert {hidden[i] for i in ("Account:A", "Account:B", "Person:p", "Person:q")} == \
        {"hidden outside"}
    # the date filter judges it so too: a later transfer in the range keeps it undimmed
    assert classes(ChartFilter(date_from="2021-06-01"))[money] == ""
    assert classes(ChartFilter(date_from="2022-01-01"))[money] == "dimmed"
    # unfolded, each transaction by its own date
    unfolded = {e["data"]["id"]: e["classes"]
                for e in view(state, ChartFilter(window=("2021-06-01", "2021-12-31")),
                              folded=False)}
    assert unfolded["Transaction:t1"] == "hidden outside" and unfolded["Transaction:t2"] == ""
    assert unfolded["s1"] == "hidden outside" and unfolded["Account:A"] == ""


def test_a_travel_link_is_judged_by_its_leg_and_the_counts_say_what_the_window_hid() -> None:
    state = _recruitment()
    folded = view(state, ChartFilter(window=("2021-01-01", "2021-12-31")))
    by_id = {e["data"]["id"]: e for e in folded}
    assert by_id["travel:TravelLeg:l1"]["classes"] == "hidden outside"
    assert by_id["r"]["classes"] == ""
    line = counts(for_browser(folded))
    assert line.endswith("hidden (4 outside the time window)"), line
    # the user's own hiding wins, and is not counted as the window's
    state["hidden"] = ["Case:c1"]
    assert {e["data"]["id"]: e["classes"] for e in view(
        state, ChartFilter(window=("2021-01-01", "2021-12-31")))}["Case:c1"] == "hidden"


def test_the_slider_spans_the_chart_and_covering_it_all_is_no_window() -> None:
    elements = _recruitment()["elements"]
    days = chart_days(elements)
    assert [date_of(d) for d in days] == ["2021-02-01", "2022-03-01", "2023-06-01"]
    assert day("2021-02-01") == days[0] and date_of(day("1999-12-31")) == "1999-12-31"
    low, high = days[0], days[-1]
    assert window_dates([low, high], low, high) is None
    assert window_dates(None, low, high) is None
    assert window_dates([low + 1, high], low, high) == ("2021-02-02", "2023-06-01")
    flt = chart_filter(None, None, None, None, None, None, None, [low, low + 30], low, high)
    assert flt.window == ("2021-02-01", "2021-03-03")
    assert chart_filter(None, None, None, None, None, None, None).window is None
    # the chart grows: a window over everything grows with it, a narrow one stays narrow
    later = [*days, day("2024-01-01")]
    assert fit_window([low, high], (low, high), later) == [low, later[-1]]
    assert fit_window([low, low + 30], (low, high), later) == [low, low + 30]
    assert fit_window([low - 90, low - 60], (low - 90, high), days) == [low, low + 30]
    assert fit_window([low, high], (low, high), []) is None
    labels = marks(days)
    assert labels[str(low)] == "2021-02-01" and labels[str(high)] == "2023-06-01"
    assert "2022" in labels.values() and list(map(int, labels)) == sorted(map(int, labels))


def test_play_moves_the_window_from_the_earliest_date_to_the_latest() -> None:
    days = [day(d) for d in ("2021-01-01", "2021-01-02", "2021-01-03", "2021-07-01",
                             "2024-01-01")]
    window = play_start([days[0], days[-1]], days)  # all dates: a quarter of the span
    assert window is not None and window[0] == days[0]
    width = window[1] - window[0]
    assert abs(width - (days[-1] - days[0]) / 4) < 1
    steps = [window]
    while (window := play_step(window, days)) is not None:
        assert window[1] - window[0] == width  # the window keeps its width
        assert window[1] > steps[-1][1]  # and moves on every step
        steps.append(window)
    assert steps[-1][1] == days[-1]  # the last step ends on the latest date
    assert len(steps) <= 41
    # a narrow window the user chose keeps its width; each step ends on a date of the chart
    # (no empty step) unless the dates lie closer than a fortieth of the span
    narrow = play_start([days[0], days[0] + 10], days)
    assert narrow == [days[0], days[0] + 10]
    following = play_step(narrow, days)
    assert following == [days[3] - 10, days[3]]
    assert play_step([days[0], days[-1]], days) is None
    assert play_start(None, []) is None and play_step([1, 2], []) is None


def test_the_timeline_shows_what_is_inside_the_window_along_the_whole_span() -> None:
    elements = _recruitment()["elements"]
    window = ("2021-12-01", "2022-12-31")
    figure = timeline_figure(inside(elements, window), [], window, ("2021-02-01", "2023-06-01"))
    shown = [x for trace in figure.data for x in trace.x]
    assert shown == ["2022-03-01"]
    assert figure.layout.xaxis.range == ("2021-01-02", "2023-07-01")
    assert figure.layout.shapes[0].x0 == "2021-12-01" and figure.layout.shapes[0].x1 == "2023-01-01"


def test_a_phone_two_people_share_stays_while_one_of_them_is_shown() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "a"), node("Person", "b"), node("Phone", "+66"),
        node("RecruitmentAgency", "ag"),
    ], [rel("ra", "RECRUITED_BY", "Person:a", "RecruitmentAgency:ag", on="2021-01-10"),
        rel("rb", "RECRUITED_BY", "Person:b", "RecruitmentAgency:ag", on="2022-05-01"),
        rel("pa", "HAS_PHONE", "Person:a", "Phone:+66"),
        rel("pb", "HAS_PHONE", "Person:b", "Phone:+66")])
    out = outside_window(state["elements"], ("2021-01-01", "2021-12-31"))
    # b, recruited later, goes with her link to the phone; the phone stays by a's
    assert out == {"rb", "Person:b", "pb"}
    assert outside_window(state["elements"], ("2023-01-01", "2023-12-31")) == {
        e["data"]["id"] for e in state["elements"]}
