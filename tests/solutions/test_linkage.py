"""Issue linkage: trades across issues open a range that a single issue lacks."""

from fractions import Fraction as F

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.crisis import MutualOptimism
from bargaining.solutions import IssueLinkage
from tests.strategies import costs, fractions, probabilities


def ukraine_like() -> IssueLinkage:
    # territory: both value it, each side optimistic about war; sanctions: the target values its
    # relief five times more than the coercer values keeping them.
    return IssueLinkage(values_coercer=(1, F(1, 5)), values_target=(1, 1),
                        war_coercer=(F(4, 5), 1), war_target=(F(1, 2), 1),
                        cost_coercer=F(1, 10), cost_target=F(1, 10))


def test_linkage_opens_a_range_that_the_single_issue_lacks():
    """Morgan (1990), Tollison & Willett (1979): linkage lets sides trade issues they value differently."""
    linked = ukraine_like()
    assert not linked.single_issue(0).has_settlement
    assert linked.has_settlement
    deal = linked.settlement()
    war_c, war_t = linked.war_payoffs
    assert deal.coercer_utility >= war_c and deal.target_utility >= war_t
    assert deal.shares == (1, F(1, 20))  # the coercer takes the territory, lifts 95% of sanctions


def test_single_issue_agrees_with_mutual_optimism():
    linked = ukraine_like()
    single = linked.single_issue(0)
    optimism = MutualOptimism(F(4, 5), F(1, 2), F(1, 10), F(1, 10)).bargaining_range()
    assert single.has_settlement == (not optimism.is_empty)


@given(st.lists(st.tuples(fractions(0, 2), fractions(0, 2), probabilities), min_size=1, max_size=4),
       costs, costs)
def test_frontier_allocation_reproduces_utilities_and_settlement_beats_war(issues, cost_c, cost_t):
    values_c = tuple(v for v, _, _ in issues)
    values_t = tuple(v for _, v, _ in issues)
    assume(sum(values_c) > 0 and sum(values_t) > 0)
    war = tuple(w for _, _, w in issues)
    linked = IssueLinkage(values_c, values_t, war, war, cost_c, cost_t)
    for u_c, u_t in linked.frontier():
        shares = linked.allocation(u_c)
        assert sum(v * x for v, x in zip(values_c, shares)) == u_c
        assert sum(v * (1 - x) for v, x in zip(values_t, shares)) >= u_t  # the best for T at u_c
    # common beliefs: war is inefficient, so a settlement always exists (Fearon 1995)
    assert linked.has_settlement
    if cost_c > 0 and cost_t > 0:  # war strictly inefficient for both: the Nash deal exists
        deal = linked.settlement()
        war_c, war_t = linked.war_payoffs
        assert deal.coercer_utility >= war_c and deal.target_utility >= war_t
    elif cost_c + cost_t > 0:
        # one side's war is free: where it wins everything it can get in war, no deal makes it
        # strictly better off, and the Nash solution is undefined; the model must say so clearly
        try:
            deal = linked.settlement()
        except ParameterValueError as refusal:
            assert "strictly dominated" in str(refusal)
        else:
            war_c, war_t = linked.war_payoffs
            assert deal.coercer_utility >= war_c and deal.target_utility >= war_t


@given(st.lists(st.tuples(fractions(F(1, 10), 2), fractions(F(1, 10), 2), probabilities, probabilities),
                min_size=1, max_size=3), costs, costs)
def test_linking_never_closes_a_range_an_issue_has(issues, cost_c, cost_t):
    linked = IssueLinkage(tuple(i[0] for i in issues), tuple(i[1] for i in issues),
                          tuple(i[2] for i in issues), tuple(i[3] for i in issues), cost_c, cost_t)
    if any(linked.single_issue(k).has_settlement for k in range(len(issues))):
        # the other issues can be left at each side's expected war outcome only if beliefs agree;
        # with optimism on other issues the linked range can close, so check the common-belief case
        common = IssueLinkage(linked.values_coercer, linked.values_target, linked.war_coercer,
                              linked.war_coercer, cost_c, cost_t)
        assert common.has_settlement


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values_coercer": (), "values_target": (), "war_coercer": (), "war_target": ()},
         "values_coercer must be a non-empty sequence, one per issue"),
        ({"values_coercer": (1,), "values_target": (1, 1), "war_coercer": (0,), "war_target": (0,)},
         "values_target must be a sequence of 1 entries, one per issue"),
        ({"values_coercer": (-1,), "values_target": (1,), "war_coercer": (0,), "war_target": (0,)},
         "values_coercer[0] must be non-negative (got -1)"),
        ({"values_coercer": (1,), "values_target": (1,), "war_coercer": (2,), "war_target": (0,)},
         "war_coercer[0] must be a probability in [0, 1] (got 2)"),
        ({"values_coercer": 3, "values_target": (1,), "war_coercer": (0,), "war_target": (0,)},
         "values_coercer must be a sequence with one entry per issue"),
    ],
)
def test_bad_inputs(kwargs, message):
    with pytest.raises(ParameterValueError) as caught:
        IssueLinkage(**kwargs)
    assert message in str(caught.value)
    with pytest.raises(ParameterTypeError, match="values_coercer must be exact or float numbers"):
        IssueLinkage(([1.0, 2.0],), (1,), (0,), (0,))
    with pytest.raises(ParameterValueError, match=r"issue must be an issue index in \[0, 1\]"):
        ukraine_like().single_issue(2)
