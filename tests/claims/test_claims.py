"""Claims: each essay claim gets its expected verdict, and each check fails when the model is broken."""

from fractions import Fraction as F

import pytest
import sympy

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.claims import (
    MonotoneClaim,
    Region,
    RelationClaim,
    essay_claims,
    markdown,
    property_test,
    prove,
    report,
    search,
    settle,
    to_html,
)
from bargaining.cli import main

CLAIMS = essay_claims()


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.statement[:40] for c in CLAIMS])
def test_each_essay_claim_gets_the_verdict_the_theory_predicts(claim):
    outcome = settle(claim)
    assert outcome.verdict == claim.expected, outcome.evidence
    if outcome.verdict == "refuted":
        assert outcome.counterexample is not None and outcome.values is not None
        assert 0 < outcome.failing_share < 1


def _broken(claim):
    """The same claim on a model broken on purpose: the verdict must change."""
    if isinstance(claim, MonotoneClaim):
        if claim.expected == "refuted":
            sign = 1 if claim.direction in ("nondecreasing", "increasing") else -1
            return claim.mutated(quantity=lambda **point: sign * point[claim.parameter])  # now monotone
        return claim.mutated(quantity=lambda **point: -claim.quantity(**point))  # now backwards
    return claim.mutated(right=lambda **point: claim.right(**point) + F(1, 1000))


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.statement[:40] for c in CLAIMS])
def test_mutation_breaking_the_model_changes_the_verdict(claim):
    mutated = settle(_broken(claim))
    assert mutated.verdict != claim.expected
    if claim.expected != "refuted":
        assert mutated.verdict == "refuted" and mutated.counterexample is not None


def test_counterexample_is_minimal_and_exact():
    """Hypothesis shrinks toward the simplest point: the 'stronger coercer' claim fails between
    power 0 and 1 at zero cost, where the capped demand carries no war risk."""
    claim = next(c for c in CLAIMS if c.expected == "refuted")
    outcome = property_test(claim, 100)
    assert outcome.counterexample == {"power": (F(0), F(1)), "cost_coercer": F(0)}
    assert outcome.values == (F(1, 2), F(0))


def test_targeted_search_confirms_exactly_and_ignores_float_noise():
    # A claim violated only on a thin slice: random testing may miss it, the search finds it.
    claim = MonotoneClaim("q never falls", "test", Region({"x": (0, 1)}),
                          quantity=lambda x: -((x - F(7, 10)) ** 2) if x > F(69, 100) else x,
                          parameter="x")
    found = search(claim, seed=1)
    assert found is not None and found.verdict == "refuted"
    assert claim.violation({}, *found.counterexample["x"]) is not None
    # A relation that holds exactly but differs in floats by rounding is not refuted.
    noisy = RelationClaim("a third is a third", "test", Region({"x": (0, 1)}),
                          left=lambda x: x / 3 if isinstance(x, float) else F(x) / 3,
                          right=lambda x: x * (1 / 3) if isinstance(x, float) else F(x) / 3)
    assert search(noisy) is None
    assert settle(noisy).verdict in ("proved", "holds in tests")


def test_relation_claims_can_be_proved_symbolically():
    claim = RelationClaim("x(1-x) is at most 1/4", "test", Region({"x": (0, 1)}),
                          left=lambda x: x * (1 - x), right=lambda x: F(1, 4), relation="<=")
    assert prove(claim) is not None and "left − right" in prove(claim)
    equal = RelationClaim("algebra", "test", Region({"x": (0, 1)}),
                          left=lambda x: (x + 1) ** 2, right=lambda x: x**2 + 2 * x + 1)
    assert settle(equal).verdict == "proved"
    geq = RelationClaim("1 >= x", "test", Region({"x": (0, 1)}), left=lambda x: 1, right=lambda x: x, relation=">=")
    assert settle(geq).verdict == "proved"


def test_all_directions():
    region = Region({"x": (F(1, 10), 1)})
    for direction, quantity in [("increasing", lambda x: x), ("decreasing", lambda x: -x),
                                ("nonincreasing", lambda x: 1 / x)]:
        claim = MonotoneClaim("d", "t", region, quantity=quantity, parameter="x", direction=direction)
        assert settle(claim).verdict == "proved"
        backwards = claim.mutated(quantity=lambda x, q=quantity: -q(x))
        assert settle(backwards).verdict == "refuted"


def test_models_that_refuse_symbols_are_tested_instead():
    def numeric_only(x):
        if isinstance(x, sympy.Basic):
            raise TypeError("numbers only")
        return x

    claim = MonotoneClaim("numeric", "t", Region({"x": (0, 1)}), quantity=numeric_only, parameter="x")
    assert settle(claim).verdict == "holds in tests"


def test_report_writes_markdown_and_html(tmp_path, capsys):
    from bargaining.claims.catalogue import crisis_claims

    outcomes = report(crisis_claims(), output=tmp_path)  # the CLI below settles the whole catalogue
    text = (tmp_path / "claims.md").read_text()
    assert text.startswith("# Claims report") and "| claim | principle | verdict |" in text
    assert "<table>" in (tmp_path / "claims.html").read_text()
    assert {o.verdict for o in outcomes} == {"proved", "holds in tests", "refuted"}
    assert markdown(outcomes).count("\n") == len(outcomes) + 2
    assert to_html(outcomes).count("<tr>") == len(outcomes) + 1
    assert main(["claims", "--output", str(tmp_path / "cli")]) == 0
    out = capsys.readouterr().out
    assert "proved" in out and "refuted" in out and "claims.html" in out


@pytest.mark.parametrize(
    ("factory", "error", "message"),
    [
        (lambda: Region({}), ParameterValueError, "bounds must be a non-empty mapping"),
        (lambda: Region({"x": (1, 0)}), ParameterValueError, "bounds['x'] must be a pair with low <= high"),
        (lambda: Region({"x": ("a", 1)}), ParameterTypeError, "bounds['x'] must be a pair of exact numbers"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=1, parameter="x"), ParameterTypeError,
         "quantity must be a callable"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="y"), ParameterValueError,
         "parameter must be one of the region's parameters ('x',)"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x", direction="up"),
         ParameterValueError, "direction must be 'nondecreasing'"),
        (lambda: RelationClaim("s", "p", Region({"x": (0, 1)}), left=abs, right=abs, relation="<"),
         ParameterValueError, "relation must be '==', '<=' or '>='"),
        (lambda: settle(CLAIMS[0], depth="deep"), ParameterValueError, "depth must be one of ['ci', 'user']"),
    ],
)
def test_bad_claims_are_refused(factory, error, message):
    with pytest.raises(error) as caught:
        factory()
    assert message in str(caught.value)


def test_fixed_parameters_and_plain_claims():
    claim = MonotoneClaim("fixed cost", "t", Region({"x": (0, 1), "c": (F(1, 2), F(1, 2))}),
                          quantity=lambda x, c: x * c, parameter="x")
    assert settle(claim).verdict == "proved"
    from bargaining.claims import Claim

    plain = Claim("no quantity", "t", Region({"x": (0, 1)}))
    for settle_by in (prove, lambda c: property_test(c, 10)):
        with pytest.raises(ParameterValueError, match="claim must be a MonotoneClaim or a RelationClaim"):
            settle_by(plain)


def test_search_refutes_relations_and_drops_float_only_violations():
    broken = RelationClaim("x <= 1/2", "t", Region({"x": (0, 1)}), left=lambda x: x, right=lambda x: F(1, 2),
                           relation="<=")
    found = search(broken)
    assert found is not None and found.counterexample["x"] > F(1, 2)
    float_only = RelationClaim("equal in exact arithmetic", "t", Region({"x": (0, 1)}),
                               left=lambda x: x + 1e-6 if isinstance(x, float) else x, right=lambda x: x)
    assert search(float_only) is None


def test_settle_falls_back_to_the_targeted_search(monkeypatch):
    """When random testing misses a violation, the targeted search still refutes the claim."""
    import bargaining.claims.settling as settle_module

    claim = MonotoneClaim("x never rises", "t", Region({"x": (0, 1)}),
                          quantity=lambda x: x if not isinstance(x, sympy.Basic) else sympy.Abs(x),
                          parameter="x", direction="nonincreasing")
    missed = settle_module.Settlement(claim, "holds in tests", "pretend the sample missed it", examples=1)
    monkeypatch.setattr(settle_module, "property_test", lambda c, n: missed)
    outcome = settle(claim)
    assert outcome.verdict == "refuted" and "differential evolution" in outcome.evidence


def test_a_downward_jump_between_regimes_is_never_proved_monotone():
    """Soundness: each regime rises (derivative 1), but the quantity drops by 1/2 at x = 1/2; the
    prover must not call it non-decreasing, and the test finds the drop."""

    def sawtooth(x):
        if isinstance(x, sympy.Basic):
            return sympy.Piecewise((x, x < sympy.Rational(1, 2)), (x - sympy.Rational(1, 2), True))
        return x if x < F(1, 2) else x - F(1, 2)

    claim = MonotoneClaim("rises", "t", Region({"x": (0, 1)}), quantity=sawtooth, parameter="x")
    assert prove(claim) is None
    outcome = settle(claim)
    assert outcome.verdict == "refuted" and outcome.values[0] > outcome.values[1]
    steps = MonotoneClaim("rises", "t", Region({"x": (0, 3)}), quantity=lambda x: -sympy.floor(x) if
                          isinstance(x, sympy.Basic) else -(x // 1), parameter="x")
    assert prove(steps) is None  # d/dx floor(x) = 0 almost everywhere proves nothing
