"""Claims: the machinery (search, proof, verdict kinds, cache, scenarios, bad input) and the
mutation test: whatever verdict a catalogue claim gets, a model broken on purpose changes it."""

import functools
import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.claims import (
    VERDICTS,
    Claim,
    ClaimError,
    MonotoneClaim,
    Region,
    RelationClaim,
    essay_claims,
    markdown,
    prove,
    report,
    scenario_region,
    search,
    settle_claim,
    to_html,
)
from bargaining.claims.proving import _may_be_constant
from bargaining.claims.searching import DESIGN
from bargaining.cli import main
from bargaining.scenarios import load, presets

CLAIMS = essay_claims()
IDS = [c.statement[:40] for c in CLAIMS]
#: what the hypothesis search of the previous machinery covered per claim (150 examples, or a
#: budget of 100): each claim's search must now cover at least ten times as many points.
PREVIOUS_EXAMPLES = 150


@functools.cache
def _settled(index):
    return settle_claim(CLAIMS[index])


@pytest.mark.parametrize("index", range(len(CLAIMS)), ids=IDS)
def test_each_essay_claim_is_settled_with_its_evidence(index):
    """No verdict is required: each must come with the evidence of its kind."""
    claim, outcome = CLAIMS[index], _settled(index)
    assert outcome.verdict in VERDICTS
    assert outcome.examples >= 10 * PREVIOUS_EXAMPLES or "point by point" in outcome.evidence
    assert outcome.examples >= 1000
    if outcome.verdict == "refuted":
        witness = dict(outcome.counterexample)
        if isinstance(claim, MonotoneClaim):
            low, high = witness.pop(claim.parameter)
            assert claim.violation(witness, low, high) == outcome.values
        else:
            assert claim.violation(witness) == outcome.values
        assert 0 < outcome.failing_share <= 1
    elif outcome.verdict == "by construction":
        assert claim.construction in outcome.evidence or "identically" in outcome.evidence
    elif outcome.verdict == "proved":
        assert "for all" in outcome.evidence and "(sympy)" in outcome.evidence
    elif outcome.verdict == "holds in tests":
        assert f"no counterexample in {outcome.examples}" in outcome.evidence


def _broken(claim, verdict):
    """The same claim on a model broken on purpose, chosen by the verdict the claim got."""
    if isinstance(claim, MonotoneClaim):
        if verdict == "refuted":  # the quantity becomes the parameter itself: monotone the claimed way
            sign = 1 if claim.direction in ("nondecreasing", "increasing") else -1
            return claim.mutated(quantity=lambda **point: sign * point[claim.parameter], construction="")
        return claim.mutated(quantity=lambda **point: -claim.quantity(**point))  # now backwards
    if verdict == "refuted":
        return claim.mutated(right=claim.left)
    return claim.mutated(right=lambda **point: claim.right(**point) + F(1, 1000))


@pytest.mark.parametrize("index", range(len(CLAIMS)), ids=IDS)
def test_mutation_breaking_the_model_changes_the_verdict(index):
    claim, verdict = CLAIMS[index], _settled(index).verdict
    mutated = settle_claim(_broken(claim, verdict))
    assert mutated.verdict != verdict
    if verdict == "refuted":
        assert mutated.verdict in ("proved", "by construction", "holds in tests")
    else:
        assert mutated.verdict == "refuted" and mutated.counterexample is not None


# --------------------------------------------------------------------------- verdict kinds


def test_identities_and_linear_quantities_are_by_construction():
    square = RelationClaim("expand", "t", Region({"x": (0, 1)}), left=lambda x: (x + 1) ** 2,
                           right=lambda x: x**2 + 2 * x + 1)
    assert settle_claim(square).verdict == "by construction"
    linear = MonotoneClaim("rises", "t", Region({"x": (0, 1), "y": (0, 1)}), quantity=lambda x, y: y * y - 3 * x,
                           parameter="x", direction="nonincreasing")
    outcome = settle_claim(linear)
    assert outcome.verdict == "by construction" and "slope -3" in outcome.evidence


def test_a_slope_constant_only_after_simplification_is_still_linear():
    # d/dx of (x y + x)/(1 + y) is y/(y + 1) + 1/(y + 1): free of x only once simplified
    hidden = MonotoneClaim("rises", "t", Region({"x": (0, 1), "y": (0, 1)}),
                           quantity=lambda x, y: (x * y + x) / (1 + y), parameter="x")
    outcome = settle_claim(hidden)
    assert outcome.verdict == "by construction" and "slope 1" in outcome.evidence
    falling = MonotoneClaim("rises", "t", Region({"x": (0, 1)}), quantity=lambda x: -2 * x, parameter="x")
    assert prove(falling).verdict == "undecided"  # a constant slope of the wrong sign proves nothing


def test_the_cheap_check_before_simplifying_a_slope_only_skips_visibly_varying_ones():
    x, y = sympy.symbols("x y", real=True)
    claim = MonotoneClaim("q", "t", Region({"x": (0, 1), "y": (0, 1)}), quantity=lambda x, y: x, parameter="x")
    symbols = {"x": x, "y": y}
    assert not _may_be_constant(y**2, claim, symbols)  # 1/4 at the midpoint, 1/9 a third of the way
    assert _may_be_constant(sympy.Integer(3), claim, symbols)
    assert _may_be_constant(y / (y + 1) + 1 / (y + 1), claim, symbols)  # 1 everywhere
    assert _may_be_constant((2 * y - 1) / (4 * y - 2), claim, symbols)  # 0/0 at the midpoint: simplify


def test_a_declared_construction_is_checked_not_trusted():
    claim = MonotoneClaim("x(1 - x) rises", "t", Region({"x": (0, 1)}), quantity=lambda x: x * (1 - x),
                          parameter="x", construction="the author says so")
    outcome = settle_claim(claim)
    assert outcome.verdict == "refuted"
    holds = claim.mutated(region=Region({"x": (0, F(1, 2))}))
    assert settle_claim(holds).verdict == "by construction"
    assert settle_claim(holds).evidence.startswith("the author says so; checked: ∂/∂x = 1 - 2*x ≥ 0")


def test_proofs_and_undecided_are_explicit():
    bound = RelationClaim("x(1-x) ≤ 1/4", "t", Region({"x": (0, 1)}), left=lambda x: x * (1 - x),
                          right=lambda x: F(1, 4), relation="<=")
    assert prove(bound).verdict == "proved" and settle_claim(bound).verdict == "proved"
    geq = RelationClaim("1 >= x", "t", Region({"x": (0, 1)}), left=lambda x: 1 + 0 * x * x,
                        right=lambda x: x * x, relation=">=")
    assert settle_claim(geq).verdict == "proved"
    for direction, quantity in [("increasing", lambda x: x**3), ("decreasing", lambda x: -(x**3)),
                                ("nonincreasing", lambda x: 1 / x)]:
        claim = MonotoneClaim("d", "t", Region({"x": (F(1, 10), 1)}), quantity=quantity, parameter="x",
                              direction=direction)
        assert settle_claim(claim).verdict == "proved"
        assert settle_claim(claim.mutated(quantity=lambda x, q=quantity: -q(x))).verdict == "refuted"
    unsure = RelationClaim("x ≥ x² − 1/8", "t", Region({"x": (0, 1)}), left=lambda x: x,
                           right=lambda x: sympy.Max(x**2 - F(1, 8), 0) if isinstance(x, sympy.Basic) else
                           np.maximum(x**2 - 1 / 8, 0) if isinstance(x, np.ndarray) else max(x**2 - F(1, 8), 0),
                           relation=">=")
    proof = prove(unsure)
    assert proof.verdict == "undecided" and "sympy cannot decide" in proof.text
    assert settle_claim(unsure).verdict == "holds in tests"


def test_a_strict_claim_is_broken_by_a_flat_stretch():
    flat = MonotoneClaim("rises strictly", "t", Region({"x": (0, 2)}), parameter="x", direction="increasing",
                         quantity=lambda x: np.minimum(x, 1) if isinstance(x, np.ndarray) else min(x, 1))
    outcome = settle_claim(flat)
    assert outcome.verdict == "refuted" and outcome.values[0] == outcome.values[1]


def test_models_that_refuse_symbols_are_undecided_and_searched():
    def numeric_only(x):
        if isinstance(x, sympy.Basic):
            raise TypeError("numbers only")
        return x

    claim = MonotoneClaim("numeric", "t", Region({"x": (0, 1)}), quantity=numeric_only, parameter="x")
    assert prove(claim).verdict == "undecided" and "does not take symbols" in prove(claim).text
    assert settle_claim(claim).verdict == "holds in tests"


def test_a_downward_jump_between_regimes_is_never_proved_monotone():
    """Soundness: each regime rises, but the quantity drops by 1/2 at x = 1/2."""

    def sawtooth(x):
        if isinstance(x, sympy.Basic):
            return sympy.Piecewise((x, x < sympy.Rational(1, 2)), (x - sympy.Rational(1, 2), True))
        if isinstance(x, np.ndarray):
            return np.where(x < 0.5, x, x - 0.5)
        return x if x < F(1, 2) else x - F(1, 2)

    claim = MonotoneClaim("rises", "t", Region({"x": (0, 1)}), quantity=sawtooth, parameter="x")
    assert prove(claim).verdict == "undecided"
    outcome = settle_claim(claim)
    assert outcome.verdict == "refuted" and outcome.values[0] > outcome.values[1]
    steps = MonotoneClaim("rises", "t", Region({"x": (0, 3)}), quantity=lambda x: -sympy.floor(x) if
                          isinstance(x, sympy.Basic) else -(x // 1), parameter="x")
    assert prove(steps).verdict == "undecided"


def test_unreachable_branches_do_not_block_a_proof_but_reachable_ones_do():
    def quantity(x):
        return sympy.Piecewise((-x, x < -1), (x, True)) if isinstance(x, sympy.Basic) else x

    claim = MonotoneClaim("x rises", "t", Region({"x": (0, 1)}), quantity=quantity, parameter="x")
    assert prove(claim).verdict in ("proved", "by construction")
    assert prove(claim.mutated(region=Region({"x": (-2, 1)}))).verdict == "undecided"


# --------------------------------------------------------------------------- the search


def test_the_search_finds_a_thin_violation_confirms_it_exactly_and_shrinks_it():
    dip = MonotoneClaim("never falls", "t", Region({"x": (0, 1), "y": (0, 1)}), parameter="x",
                        quantity=lambda x, y: x - 2 * (x > F(7, 10)) * (x - F(7, 10)) + 0 * y)
    found = search(dip)
    assert found.counterexample == {"x": (F(1, 2), F(1)), "y": F(0)}  # the simplest pair that breaks it
    assert found.values == (F(1, 2), F(2, 5)) and "float64 arrays" in found.design
    assert found.points >= DESIGN["ci"][0]


def test_float_noise_never_refutes_and_unconfirmed_float_violations_are_undecided():
    noisy = RelationClaim("a third is a third", "t", Region({"x": (0, 1)}),
                          left=lambda x: x / 3,
                          right=lambda x: x * (1 / 3) if not isinstance(x, (F, sympy.Basic)) else x / 3)
    assert settle_claim(noisy).verdict in ("by construction", "holds in tests")
    float_only = RelationClaim("equal in exact arithmetic", "t", Region({"x": (0, 1)}),
                               left=lambda x: x + 1e-3 if isinstance(x, np.ndarray | float) else x,
                               right=lambda x: x if not isinstance(x, sympy.Basic) else x + 1)
    outcome = settle_claim(float_only)
    assert outcome.verdict == "undecided" and "exact arithmetic does not confirm" in outcome.evidence


def test_a_quantity_that_cannot_take_arrays_is_searched_point_by_point_and_says_so():
    claim = MonotoneClaim("floor rises", "t", Region({"x": (0, 3)}), quantity=lambda x: math.floor(x), parameter="x")
    outcome = settle_claim(claim)
    assert outcome.verdict == "holds in tests" and "point by point" in outcome.evidence
    assert outcome.examples >= DESIGN["ci"][1]


def test_a_float_path_without_a_number_is_recomputed_exactly():
    def ratio(x):  # 0/0 in floats at x = 0, 1 in exact arithmetic
        if isinstance(x, np.ndarray):
            with np.errstate(all="ignore"):
                return np.sin(x) / x
        return 1 - x * x / 6 if isinstance(x, F) else math.sin(x) / x if x else 1

    claim = MonotoneClaim("sin(x)/x falls", "t", Region({"x": (0, 1)}), quantity=ratio, parameter="x",
                          direction="nonincreasing")
    assert "recomputed exactly" in settle_claim(claim).evidence


# --------------------------------------------------------------------------- bad input


def test_a_quantity_undefined_on_the_region_is_an_error_naming_the_claim_and_point():
    claim = MonotoneClaim("log rises", "t", Region({"x": (-1, 1)}), parameter="x",
                          quantity=lambda x: np.log(x) if isinstance(x, np.ndarray) else (math.log(x) if x > 0
                                                                                         else float("nan")))
    with np.errstate(all="ignore"), pytest.raises(
        ClaimError, match=r"claim 'log rises': the quantity is not a finite number \(nan\) at x = "
    ):
        settle_claim(claim)


def test_a_model_that_refuses_a_point_is_an_error_naming_the_claim_and_point():
    def picky(x):
        if isinstance(x, np.ndarray) or x > F(1, 2):
            raise ParameterValueError("x", "at most 1/2", x)
        return x

    claim = MonotoneClaim("picky rises", "t", Region({"x": (0, 1)}), quantity=picky, parameter="x")
    with pytest.raises(ClaimError, match="claim 'picky rises': the model refuses the point") as caught:
        settle_claim(claim)
    assert caught.value.point and "x must be at most 1/2" in str(caught.value)
    with pytest.raises(ClaimError, match="refuses the point"):  # the symbolic step does not hide it
        prove(claim.mutated(quantity=lambda x: picky(x + 1)))


def test_a_claim_error_survives_a_process_boundary():
    import pickle

    error = pickle.loads(pickle.dumps(ClaimError("s", "broken", {"x": F(1, 2)})))
    assert str(error) == "claim 's': broken at x = 1/2" and error.point == {"x": F(1, 2)}


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
        (lambda: settle_claim(CLAIMS[0], depth="deep"), ParameterValueError, "depth must be one of ['ci', 'user']"),
        (lambda: search(CLAIMS[0], depth="deep"), ParameterValueError, "depth must be one of ['ci', 'user']"),
        (lambda: report([], depth="deep"), ParameterValueError, "depth must be one of ['ci', 'user']"),
        (lambda: settle_claim(CLAIMS[0], region={"x": (0, 1)}), ParameterValueError, "region must be a Region"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x", budget=0),
         ParameterValueError, "budget must be at least 1 call (or None) (got 0)"),
        (lambda: RelationClaim("s", "p", Region({"x": (0, 1)}), left=abs, right=abs, budget=F(1, 2)),
         ParameterTypeError, "budget must be a whole number of model calls or None"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x", construction=1),
         ParameterTypeError, "construction must be a sentence"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x",
                               assumptions={"y": "ultimatum.demand"}), ParameterValueError,
         "assumptions['y'] must be a parameter of the region"),
        (lambda: MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x",
                               assumptions={"x": "demand"}), ParameterValueError,
         "assumptions['x'] must be a 'section.key' string"),
        (lambda: scenario_region(CLAIMS[0]), ParameterValueError, "scenarios must be at least one Scenario"),
    ],
)
def test_bad_claims_are_refused(factory, error, message):
    with pytest.raises(error) as caught:
        factory()
    assert message in str(caught.value)


def test_plain_claims_cannot_be_settled():
    plain = Claim("no quantity", "t", Region({"x": (0, 1)}))
    for settle_by in (prove, search):
        with pytest.raises(ParameterValueError, match="claim must be a MonotoneClaim or a RelationClaim"):
            settle_by(plain)


# --------------------------------------------------------------------------- scenarios


def _demand_claim():
    return MonotoneClaim("P(war) rises with the demand", "take small steps",
                         Region({"demand": (0, 1), "threat": (F(1, 2), 2), "cost": (0, 1)}),
                         quantity=lambda demand, threat, cost: demand / threat + 0 * cost, parameter="demand",
                         assumptions={"demand": "ultimatum.demand", "threat": "ultimatum.threat",
                                      "cost": "crisis.no_such_key"})


def test_scenario_regions_span_the_ranges_and_stay_inside_the_claims_region():
    vague, carrots = load(presets()["vague-threat"]), load(presets()["specific-carrots"])
    region = scenario_region(_demand_claim(), vague, carrots)
    lows = [min(s.assumptions[("ultimatum", k)].low for s in (vague, carrots)) for k in ("demand", "threat")]
    highs = [max(s.assumptions[("ultimatum", k)].high for s in (vague, carrots)) for k in ("demand", "threat")]
    assert region.bounds["demand"] == (lows[0], highs[0])
    assert region.bounds["threat"] == (max(lows[1], F(1, 2)), min(highs[1], 2))
    assert region.bounds["cost"] == (0, 1)  # no scenario speaks of it
    assert "demand, threat: the ranges of vague-threat, specific-carrots" in region.describe()
    assert "cost: the claim's own" in region.describe()
    outcome = settle_claim(_demand_claim(), region=region)
    assert outcome.claim.region == region and outcome.verdict in VERDICTS


def test_a_scenario_outside_the_claims_region_is_named():
    claim = _demand_claim().mutated(region=Region({"demand": (0, 1), "threat": (5, 6), "cost": (0, 1)}))
    with pytest.raises(ClaimError, match=r"the scenarios' range of ultimatum.threat .* does not meet the claim's "
                                         r"threat ∈ \[5, 6\]"):
        scenario_region(claim, load(presets()["vague-threat"]))
    outcomes = report([claim], scenarios=[load(presets()["vague-threat"])], cache=False)
    assert outcomes[0].verdict == "undecided" and "not settled on these scenarios" in outcomes[0].evidence


# --------------------------------------------------------------------------- report, cache, CLI


def test_report_writes_markdown_and_html_and_caches(tmp_path, monkeypatch, capsys):
    from bargaining.claims.catalogue import crisis_claims

    monkeypatch.setenv("BARGAINING_CACHE_DIR", str(tmp_path / "cache"))
    scenario = load(presets()["specific-carrots"])
    outcomes = report(crisis_claims(), output=tmp_path, scenarios=[scenario], workers=1)
    text = (tmp_path / "claims.md").read_text()
    assert text.startswith("# Claims report") and "| claim | principle | verdict |" in text
    assert "assumption ranges of specific-carrots" in text and "the ranges of specific-carrots" in text
    assert "<table>" in (tmp_path / "claims.html").read_text()
    assert markdown(outcomes).count("\n") == len(outcomes) + 2
    assert to_html(outcomes).count("<tr>") == len(outcomes) + 1
    again = report(crisis_claims(), scenarios=[scenario])
    assert all(o.cached for o in again)
    assert [(o.verdict, o.evidence, o.counterexample, o.values) for o in again] == [
        (o.verdict, o.evidence, o.counterexample, o.values) for o in outcomes
    ]
    monkeypatch.setattr("bargaining.claims.catalogue.essay_claims", crisis_claims)  # the CLI's claims
    assert main(["claims", "--scenario", "specific-carrots", "--output", str(tmp_path / "cli")]) == 0
    out = capsys.readouterr().out
    assert "claims.html" in out and "claims, " in out and "from the cache" in out


def test_the_cache_keys_on_the_claim_and_skips_what_it_cannot_read(tmp_path, monkeypatch):
    from bargaining.claims import cache

    monkeypatch.setenv("BARGAINING_CACHE_DIR", str(tmp_path))
    claim = MonotoneClaim("x rises", "t", Region({"x": (0, 1)}), quantity=lambda x: x * x, parameter="x")
    first = settle_claim(claim, cache=True)
    assert not first.cached and settle_claim(claim, cache=True).cached
    wider = claim.mutated(region=Region({"x": (-1, 1)}))
    assert not settle_claim(wider, cache=True).cached and settle_claim(wider, cache=True).verdict == "refuted"
    assert settle_claim(wider, cache=True).counterexample == settle_claim(wider).counterexample
    assert cache.fingerprint(claim.mutated(quantity=abs)) is None  # built in C: no source to key on
    assert not cache.store(claim.mutated(quantity=abs), "ci:0", {})
    assert cache.load(claim.mutated(quantity=abs), "ci:0") is None
    holder = object()
    opaque = claim.mutated(quantity=lambda x: x + 0 * id(holder))
    assert cache.fingerprint(opaque) is None
    (tmp_path / "junk").mkdir()
    for path in tmp_path.glob("*.json"):
        path.write_text("[1, 2]")
    assert cache.load(claim, "ci:0") is None
    monkeypatch.setenv("BARGAINING_CACHE_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder")
    assert not cache.store(claim, "ci:0", {"verdict": "proved"})
    monkeypatch.delenv("BARGAINING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "bargaining" / "claims"
    assert cache._decode({"tuple": [{"float": "0.5"}, True, {"mapping": {"a": {"text": "b"}}}]}) == (0.5, True,
                                                                                                    {"a": "b"})


def test_the_essay_report_settles_in_parallel(tmp_path, monkeypatch):
    monkeypatch.setenv("BARGAINING_CACHE_DIR", str(tmp_path))
    claims = [CLAIMS[3], CLAIMS[2]]
    parallel = report(claims, workers=2, cache=False)
    assert [(o.verdict, o.counterexample) for o in parallel] == [
        (_settled(3).verdict, _settled(3).counterexample), (_settled(2).verdict, _settled(2).counterexample)]


def test_fingerprints_follow_closures_defaults_and_claims():
    from bargaining.claims import cache

    base = MonotoneClaim("x rises", "t", Region({"x": (0, 1)}), quantity=lambda x: x * x, parameter="x")
    negated = base.mutated(quantity=lambda x, q=base.quantity: -q(x))
    assert cache.fingerprint(negated) != cache.fingerprint(base.mutated(quantity=lambda x, q=abs: -q(x)))
    holder = [base]
    inner = base.mutated(quantity=lambda x: x + 0 * len(holder))
    assert cache.fingerprint(inner) is None  # a list's contents can change: not cached

    def recursive(x):
        return x if x > 2 else recursive(x + 3)

    assert cache.fingerprint(base.mutated(quantity=recursive)) is not None
    around = base.mutated(quantity=lambda x, c=base: c.quantity(x))
    assert "x rises" in cache.fingerprint(around)
    opaque = object()
    assert cache.fingerprint(base.mutated(quantity=lambda x, o=opaque: x)) is None

    def late():
        return lambda x: x + value  # an empty cell until value is bound

    assert cache.fingerprint(base.mutated(quantity=late())) is not None
    value = 1


def test_exact_refusals_fixed_parameters_and_undecided_monotone_claims():
    def float_only(x):
        if isinstance(x, F):
            raise ParameterTypeError("x", "a float", x)
        return -x

    with pytest.raises(ClaimError, match="refuses the point"):
        search(MonotoneClaim("falls", "t", Region({"x": (0, 1)}), quantity=float_only, parameter="x"))
    fixed = MonotoneClaim("fixed", "t", Region({"x": (1, 1), "y": (0, 1)}), quantity=lambda x, y: x + y,
                          parameter="x")
    assert settle_claim(fixed).verdict in ("by construction", "holds in tests")
    wavy = MonotoneClaim("x + sin(8x)/9 rises", "t", Region({"x": (0, 1)}), parameter="x",
                         quantity=lambda x: x + sympy.sin(8 * x) / 9 if isinstance(x, sympy.Basic) else
                         x + np.sin(8 * np.asarray(x, dtype=float)) / 9)
    assert prove(wavy).verdict == "undecided" and "sign of ∂/∂x" in prove(wavy).text
    outcome = settle_claim(MonotoneClaim("x − x² rises", "t", Region({"x": (0, 1)}), quantity=lambda x: x - x * x,
                                   parameter="x"))
    table = markdown([outcome])
    assert "at x = " in table and "fails on about" in table
    assert ClaimError("s", "p", {"x": 0.5}).args[0].endswith("at x = 0.5")
