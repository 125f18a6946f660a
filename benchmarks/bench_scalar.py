"""The cost of one scalar model call (construct + solve) against the bare closed form.

For each model one call builds the model from scalars and solves it; the reference is the same
closed form typed in plain Python on the same numbers (floats for the float call, Fractions for
the exact one), with no validation and no kind dispatch. Both are timed in this run on this
machine, each as the best of a few batches of calls, and reported in microseconds per call; the
ratio is our time / the bare formula's (above 1: the model costs that many times the formula).
The targets are those of issue 18: a float call under 5 µs, an exact call under 30 µs.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

from benchmarks.timing import best_of


def _per_call(function: Callable[[], Any], calls: int, repeat: int = 5) -> float:
    """Microseconds per call: the best of ``repeat`` batches of ``calls`` calls."""

    def batch() -> None:
        for _ in range(calls):
            function()

    seconds, _ = best_of(batch, repeat)
    return seconds / calls * 1e6


_ARITHMETIC = ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__")
_ARITHMETIC += ("__rtruediv__", "__pow__", "__neg__", "__lt__", "__le__", "__gt__", "__ge__", "__eq__")


def _fraction_operations(function: Callable[[], Any], number: type = F) -> int:
    """How many ``Fraction`` operations (arithmetic and comparisons) one call makes: what an exact
    call costs at the least, since each costs about as much as the bare formula's own (a model
    that runs its closed form on GMP's rationals, ``core.rational``, makes few of them)."""
    count = 0
    saved = {name: number.__dict__[name] for name in _ARITHMETIC}

    def counting(method: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*arguments: Any) -> Any:
            nonlocal count
            count += 1
            return method(*arguments)

        return counted

    try:
        for name, method in saved.items():
            setattr(number, name, counting(method))
        function()
    finally:
        for name, method in saved.items():
            setattr(number, name, method)
    return count


def _cases() -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any], tuple[Any, ...], tuple[Any, ...]]]:
    """(name, model call, bare formula, float arguments, exact arguments)."""
    from bargaining.coercion import Ultimatum
    from bargaining.commitment import PowerPath, RenewedDemands
    from bargaining.crisis import RiskReturn, Screening
    from bargaining.solutions import AlternatingOffers

    def risk_return(a: Any) -> Any:
        return RiskReturn(*a).solve()

    def risk_return_bare(a: Any) -> Any:
        p, c, low, high = a
        demand = p + (high - c) / 2
        cap = min(p + high, 1)
        demand = cap if p + low >= cap else (p + low if demand <= p + low else min(demand, cap))
        war = min(max((demand - p - low) / (high - low), 0), 1)
        return demand, war, demand * (1 - war) + (p - c) * war

    def ultimatum(a: Any) -> Any:
        return Ultimatum(*a[:1], threat=a[1], audience_cost=a[2]).outcome()

    def ultimatum_bare(a: Any) -> Any:  # deadline 0, w ~ U[-1, 1], R ~ U[0, 1]: the same closed form
        x, threat, audience = a
        will = min(max((1 + audience) / 2, 0), 1)
        leverage = will * threat
        comply = 1 if leverage * 0 >= x else (0 if leverage <= x else min(max((leverage - x) / leverage, 0), 1))
        resist = 1 - comply
        above = ((1 - comply) ** 2) / 2
        target = -comply * x - will * threat * above
        fallback = (1 - min(audience, 1)) ** 2 / 4  # E[max(w, -a)], w ~ U[-1, 1]: C's value after resistance
        coercer = comply * x + resist * fallback
        return comply, will * resist, (1 - will) * resist, 0 * resist, comply, will, coercer, target

    def screening(a: Any) -> Any:
        return Screening(*a).solve()

    def screening_bare(a: Any) -> Any:
        p, cc, tough, soft, prior = a
        soft_demand, tough_demand = min(p + tough, 1), min(p + soft, 1)
        war = p - cc
        tough_utility = (1 - prior) * tough_demand + prior * war
        cutoff = (tough_demand - soft_demand) / (tough_demand - war)
        if tough_utility <= soft_demand:
            return soft_demand, 0, soft_demand, cutoff
        return tough_demand, prior, tough_utility, cutoff

    def power_path(a: Any) -> Any:
        return PowerPath(list(a[:3]), a[3], a[4], a[5]).solve()

    def power_path_bare(a: Any) -> Any:
        *path, delta, cc, ct = a
        mc, mt = [max(path[-1] - cc, 0)], [max(1 - path[-1] - ct, 0)]
        for p in reversed(path[:-1]):
            mc.append(max(p - cc, delta * mc[-1]))
            mt.append(max(1 - p - ct, delta * mt[-1]))
        return all(1 - c - t >= 0 for c, t in zip(mc, mt))

    def renewed(a: Any) -> Any:
        return RenewedDemands(*a).most_compellable()

    def renewed_bare(a: Any) -> Any:
        assurance, delta, p, c = a
        stake, renewal = p + c, delta * (1 - assurance)
        return stake * (1 - renewal) / (1 - renewal * stake) if stake < 1 else 1

    def rubinstein(a: Any) -> Any:
        return AlternatingOffers(*a).solve()

    def rubinstein_bare(a: Any) -> Any:
        d1, d2 = a
        return (1 - d2) / (1 - d1 * d2)

    return [
        ("RiskReturn.solve", risk_return, risk_return_bare, (0.5, 0.1, 0.0, 0.4), (F(1, 2), F(1, 10), F(0), F(2, 5))),
        ("coercion Ultimatum.outcome", ultimatum, ultimatum_bare, (0.25, 2.0, 1.0), (F(1, 4), F(2), F(1))),
        (
            "Screening.solve",
            screening,
            screening_bare,
            (0.5, 0.1, 0.1, 0.3, 0.25),
            (F(1, 2), F(1, 10), F(1, 10), F(3, 10), F(1, 4)),
        ),
        (
            "PowerPath.solve (3 periods)",
            power_path,
            power_path_bare,
            (0.3, 0.4, 0.5, 0.9, 0.0, 0.2),
            (F(3, 10), F(2, 5), F(1, 2), F(9, 10), F(0), F(1, 5)),
        ),
        (
            "RenewedDemands.most_compellable",
            renewed,
            renewed_bare,
            (0.5, 0.9, 0.5, 0.1),
            (F(1, 2), F(9, 10), F(1, 2), F(1, 10)),
        ),
        ("AlternatingOffers.solve (Rubinstein)", rubinstein, rubinstein_bare, (0.9, 0.8), (F(9, 10), F(4, 5))),
    ]


def run(quick: bool = False) -> list[dict[str, Any]]:
    calls = 300 if quick else 3000
    entries: list[dict[str, Any]] = []
    for name, call, bare, floats, exacts in _cases():
        for kind, arguments, target in (("float", floats, 5.0), ("exact", exacts, 30.0)):
            call(arguments), bare(arguments)  # warm up (imports, caches)
            ours = _per_call(lambda c=call, a=arguments: c(a), calls)
            formula = _per_call(lambda b=bare, a=arguments: b(a), calls)
            operations = ""
            if kind == "exact":
                mine = _fraction_operations(lambda c=call, a=arguments: c(a))
                theirs = _fraction_operations(lambda b=bare, a=arguments: b(a))
                operations = f"; {mine} Fraction operations per call, the bare formula {theirs}"
            entries.append(
                {
                    "name": f"scalar call, {kind}: {name}",
                    "measured": {"label": "construct + solve", "value": ours, "unit": "µs"},
                    "reference": {"label": "the bare closed form, plain Python", "value": formula, "unit": "µs"},
                    "ratio": ours / formula,
                    "ratio_meaning": "our time / the bare formula's (above 1: the model costs that many times it)",
                    "target": f"< {target:g} µs per call",
                    "notes": f"{'under' if ours < target else 'OVER'} the target; best of 5 batches of {calls} calls"
                    + operations,
                }
            )
    return entries


if __name__ == "__main__":
    for entry in run(quick=True):
        print(f"{entry['name']:60s} {entry['measured']['value']:8.2f} µs  bare {entry['reference']['value']:6.2f} µs  x{entry['ratio']:.0f}")
