"""The lead-time simulation on hand-made calendars with known answers."""

from anlaufstelle.controlling.planning.simulation import Request, SimService, requests_spread, simulate

DAYS = 40
HALF_HOUR = SimService(key=1, minutes=30, earliest_days=1, staff=(7,))


def _daily(count: int, days: range, service: int = 1) -> dict[int, list[Request]]:
    return {day: [Request(service=service)] * count for day in days}


def test_when_supply_equals_demand_the_lead_time_stays_at_the_earliest_bookable_day() -> None:
    # one hour a day (two appointments) and two requests a day
    result = simulate(
        free={7: [60] * DAYS}, services=[HALF_HOUR], arrivals=_daily(2, range(30)), measure=range(30), days=DAYS
    )
    assert set(result.lead[1].values()) == {1}
    assert result.placed[1][:4] == [1, 1, 2, 2]


def test_when_demand_exceeds_supply_the_lead_time_grows_by_the_excess_over_the_supply() -> None:
    # three requests a day for two appointments a day: by day i, 3i requests fill 3i/2 days,
    # so the first day with room is 1 + floor(3i/2), a lead time of 1 + floor(i/2)
    result = simulate(
        free={7: [60] * DAYS}, services=[HALF_HOUR], arrivals=_daily(3, range(20)), measure=range(20), days=DAYS
    )
    assert [result.lead[1][day] for day in range(20)] == [1 + day // 2 for day in range(20)]


def test_a_request_goes_to_the_qualified_person_with_the_most_time_that_day() -> None:
    services = [SimService(key=1, minutes=30, earliest_days=1, staff=(7, 8)), SimService(2, 30, 1, (9,))]
    free = {7: [30] * DAYS, 8: [90] * DAYS, 9: [600] * DAYS}
    result = simulate(free=free, services=services, arrivals=_daily(4, range(1)), measure=[1, 2], days=DAYS)
    # day 1 holds four: three with 8 (90 minutes), one with 7; 9 is not qualified
    assert result.placed[1] == [1, 1, 1, 1]
    assert result.lead[1] == {1: 1, 2: 1}
    assert result.lead[2] == {1: 1, 2: 1}


def test_the_earliest_bookable_day_is_respected() -> None:
    service = SimService(key=1, minutes=30, earliest_days=3, staff=(7,))
    result = simulate(free={7: [60] * DAYS}, services=[service], arrivals=_daily(1, range(1)), measure=[0], days=DAYS)
    assert result.lead[1] == {0: 3}
    assert result.placed[1] == [3]


def test_without_room_in_the_calendar_a_request_stays_unplaced_and_the_lead_time_is_unknown() -> None:
    result = simulate(
        free={7: [60, 60, 60, 0, 0]}, services=[HALF_HOUR], arrivals=_daily(5, range(1)), measure=[1], days=5
    )
    assert result.placed[1] == [1, 1, 2, 2]
    assert result.unplaced[1] == 1
    assert result.lead[1] == {1: None}


def test_requests_with_a_deadline_count_whether_their_appointment_comes_in_time() -> None:
    arrivals = {0: [Request(1, deadline=1), Request(1, deadline=1), Request(1, deadline=1), Request(1, deadline=9)]}
    result = simulate(free={7: [60] * DAYS}, services=[HALF_HOUR], arrivals=arrivals, measure=[], days=DAYS)
    assert result.placed[1] == [1, 1, 2, 2]
    assert result.deadlines[1] == (3, 4)


def test_fractional_demand_becomes_whole_requests_without_losing_or_inventing_any() -> None:
    spread = requests_spread({1: {0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5}, 2: {0: 2.0, 1: 1.0}})
    assert {day: [r.service for r in requests] for day, requests in spread.items()} == {
        0: [1, 2, 2],  # rounded half up: 0.5 of service 1 becomes its first request on day 0
        1: [2],
        2: [1],  # 1.5 in all: the second request
    }


def test_within_a_day_the_services_take_turns() -> None:
    spread = requests_spread({1: {0: 3.0}, 2: {0: 1.0}, 3: {0: 2.0}})
    assert [request.service for request in spread[0]] == [1, 2, 3, 1, 3, 1]
