r"""An interactive explorer of George's ultimatum: demand, specificity, carrot and credibility.

The explorer of notebook (b) moves four of George's instruments (docs/explanation/coercion.md; George 1991,
*Forceful Persuasion*) and shows what the one-shot ultimatum of
:class:`~bargaining.coercion.Ultimatum` does with them:

* the **demand** :math:`x`, the concession asked of the target;
* the **vagueness** :math:`\sigma` of the condition (0 is a specific condition);
* the **carrot** :math:`s`, an inducement worth :math:`s` to the target;
* the **audience cost** :math:`a`, what backing down costs the coercer: the **credibility** of the
  threat is :math:`e = P(w \ge -a)` with :math:`w \sim U[w_{lo}, w_{hi}]` (Fearon 1994).

With the target's resolve uniform on :math:`[0, 1]`, the leverage :math:`A = e\ell` (a target that
pays nothing for waiting complies at the deadline, where the discount cancels) and the need
:math:`n = x + \sigma - s`,

.. math:: P(\text{comply}) = \operatorname{clip}\Bigl(1 - \frac{n}{A}, 0, 1\Bigr), \quad
          P(\text{threat executed}) = e\,(1 - P(\text{comply})), \quad
          P(\text{back down}) = (1 - e)(1 - P(\text{comply})).

Beside those numbers the explorer draws the curves of :math:`P(\text{comply})` and
:math:`P(\text{threat executed})` against the vagueness and against the carrot (one vectorised call each),
and the **regime map** of the signalling extension
(:class:`~bargaining.coercion.ResolveSignalling`: a coercer that knows whether it is resolute picks
a plain, specific, carrot or specific-plus-carrot threat; perfect Bayesian equilibria refined by
the intuitive criterion of Cho & Kreps 1987, every survivor named, so a cell where several survive
says ``"several: ..."``) over specificity (audience cost) :math:`\times` carrot at the current
demand and vagueness, with the current point marked.

:func:`explorer_state` is the pure function the widget calls on every change, so everything the
explorer shows is tested without a browser; :func:`explorer` builds the ipywidgets interface
(ipywidgets and matplotlib load only when it is called).

>>> from fractions import Fraction
>>> state = explorer_state(Fraction(1, 5), 0, 0, Fraction(1, 2), threat=Fraction(1, 2))
>>> state.compliance_probability, state.threat_executed_probability, state.credibility
(Fraction(1, 3), Fraction(2, 5), Fraction(3, 5))
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from .core.errors import ParameterTypeError, ParameterValueError
from .core.types import Value

__all__ = ["SLIDERS", "Explorer", "ExplorerState", "exact", "explorer", "explorer_state", "plot_state"]

#: The sliders: name -> (label, low, high, step). Audience cost is George's credibility instrument.
SLIDERS: dict[str, tuple[str, float, float, float]] = {
    "demand": ("demand x", 0.0, 1.0, 0.05),
    "vagueness": ("vagueness σ", 0.0, 0.5, 0.05),
    "carrot": ("carrot s", 0.0, 0.5, 0.05),
    "audience_cost": ("audience cost a", 0.0, 1.5, 0.05),
}


@dataclass(frozen=True, slots=True)
class ExplorerState:
    """Everything the explorer shows for one setting of the sliders.

    The four instruments and the four outcome numbers are exact when the inputs are;
    ``regime`` is the ultimatum's compliance regime and ``signalling_regime`` names (by form)
    every equilibrium of the signalling game that survives the intuitive criterion at this point.
    The curves are sampled at
    ``vagueness_values`` and ``carrot_values``; ``regimes[i, j]`` is the signalling regime at
    ``carrots[i]`` and ``audience_costs[j]``.

    >>> from fractions import Fraction
    >>> state = explorer_state(Fraction(1, 5), 0, 0, Fraction(1, 2), threat=Fraction(1, 2))
    >>> state.compliance_probability, state.regime
    (Fraction(1, 3), 'partial compliance')
    """

    demand: Any
    vagueness: Any
    carrot: Any
    audience_cost: Any
    compliance_probability: Any
    threat_executed_probability: Any
    back_down_probability: Any
    credibility: Any
    regime: str
    signalling_regime: str
    vagueness_values: np.ndarray = field(compare=False, repr=False)
    compliance_by_vagueness: np.ndarray = field(compare=False, repr=False)
    executed_by_vagueness: np.ndarray = field(compare=False, repr=False)
    carrot_values: np.ndarray = field(compare=False, repr=False)
    compliance_by_carrot: np.ndarray = field(compare=False, repr=False)
    executed_by_carrot: np.ndarray = field(compare=False, repr=False)
    audience_costs: np.ndarray = field(compare=False, repr=False)
    carrots: np.ndarray = field(compare=False, repr=False)
    regimes: np.ndarray = field(compare=False, repr=False)

    def readout(self) -> str:
        """The four numbers and the two regimes as a short HTML table (exact, then decimal).

        >>> print(explorer_state(Fraction(1, 2), 0, 0, Fraction(1, 2)).readout().count("<tr>"))
        6
        """
        rows = [
            ("P(comply)", _show(self.compliance_probability)),
            ("P(threat executed)", _show(self.threat_executed_probability)),
            ("P(back down)", _show(self.back_down_probability)),
            ("credibility P(execute | resist)", _show(self.credibility)),
            ("ultimatum regime", self.regime),
            ("signalling regime", self.signalling_regime),
        ]
        body = "".join(f"<tr><td>{name}</td><td><b>{value}</b></td></tr>" for name, value in rows)
        return f"<table>{body}</table>"


def _show(value: Any) -> str:
    if isinstance(value, Fraction):
        return f"{value} ≈ {float(value):.3f}" if value.denominator != 1 else str(value)
    return f"{float(value):.3f}"


def exact(value: Any) -> Fraction:
    """A slider's float read as the exact decimal it shows (six places): ``0.30000000000000004``
    is ``3/10``.

    >>> exact(0.1 + 0.2), exact(Fraction(1, 3))
    (Fraction(3, 10), Fraction(1, 3))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ParameterTypeError("value", "a real number", value)
    if not np.isfinite(value):
        raise ParameterValueError("value", "a finite number", value)
    return Fraction(f"{float(value):.6f}")


def _check_resolution(resolution: Any) -> int:
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
        raise ParameterTypeError("resolution", "a whole number of grid points", resolution)
    if not 2 <= resolution <= 201:
        raise ParameterValueError("resolution", "between 2 and 201 grid points", resolution)
    return int(resolution)


def _frozen(array: Any) -> np.ndarray:
    result = np.asarray(array)
    result.flags.writeable = False
    return result


@lru_cache(maxsize=64)
def _regime_grid(
    demand: Any, vagueness: Any, settings: tuple[tuple[str, Any], ...], resolution: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The signalling regimes over audience cost x carrot (cached: the sliders revisit points)."""
    from .coercion import ResolveSignalling

    options = dict(settings)
    audience_costs = np.linspace(SLIDERS["audience_cost"][1], SLIDERS["audience_cost"][2], resolution)
    carrots = np.linspace(SLIDERS["carrot"][1], SLIDERS["carrot"][2], resolution)
    grid_audience, grid_carrot = np.meshgrid(audience_costs, carrots)
    game = ResolveSignalling(
        demand=float(demand),
        vagueness=float(vagueness),
        audience_cost=grid_audience,
        carrot=grid_carrot,
        **{name: float(value) for name, value in options.items()},
    )
    return _frozen(audience_costs), _frozen(carrots), _frozen(game.regime(detail=False))


def explorer_state(
    demand: Value,
    vagueness: Value,
    carrot: Value,
    audience_cost: Value,
    *,
    threat: Value = 1,
    deadline: int | None = 1,
    execution_low: Value = -1,
    execution_high: Value = Fraction(1, 4),
    prior_resolute: Value = Fraction(1, 2),
    resolute_value: Value = Fraction(-1, 10),
    irresolute_value: Value = Fraction(-3, 5),
    risk: Value = 0,
    resolution: int = 21,
) -> ExplorerState:
    r"""Solve the ultimatum and the signalling game for one setting of the sliders.

    Parameters
    ----------
    demand, vagueness, carrot, audience_cost
        The four instruments (exact numbers give exact probabilities).
    threat, deadline, execution_low, execution_high, risk
        The rest of the :class:`~bargaining.coercion.Ultimatum` (the loss scale :math:`\ell`, the
        deadline in periods, the support of the coercer's net value of executing, Schelling's risk).
    prior_resolute, resolute_value, irresolute_value
        The two coercer types of the :class:`~bargaining.coercion.ResolveSignalling` behind the map.
    resolution : int
        Points per axis of the curves and of the regime map (2 to 201).

    Returns
    -------
    ExplorerState

    Examples
    --------
    The January 2025 threat made specific (condition named, a deadline one period away, a public
    commitment), then with a carrot of 1/10 (sanctions relief):

    >>> specific = explorer_state(Fraction(1, 5), 0, 0, Fraction(1, 2), threat=Fraction(1, 2))
    >>> with_carrot = explorer_state(Fraction(1, 5), 0, Fraction(1, 10), Fraction(1, 2), threat=Fraction(1, 2))
    >>> specific.compliance_probability, with_carrot.compliance_probability
    (Fraction(1, 3), Fraction(2, 3))
    >>> with_carrot.regime
    'partial compliance'
    """
    from .coercion import ResolveSignalling, Ultimatum

    points = _check_resolution(resolution)
    common: dict[str, Any] = dict(
        threat=threat,
        deadline=deadline,
        execution_low=execution_low,
        execution_high=execution_high,
        risk=risk,
    )
    ultimatum = Ultimatum(
        demand=demand, vagueness=vagueness, carrot=carrot, audience_cost=audience_cost, **common
    )
    if ultimatum.kind not in ("exact", "float"):
        raise ParameterTypeError("demand", "numbers (one setting of the sliders)", demand)
    outcome = ultimatum.outcome()
    vagueness_values = np.linspace(SLIDERS["vagueness"][1], SLIDERS["vagueness"][2], points)
    carrot_values = np.linspace(SLIDERS["carrot"][1], SLIDERS["carrot"][2], points)
    scalars: dict[str, Any] = {
        name: float(value)
        for name, value in dict(
            demand=demand,
            carrot=carrot,
            vagueness=vagueness,
            audience_cost=audience_cost,
            threat=threat,
            execution_low=execution_low,
            execution_high=execution_high,
            risk=risk,
        ).items()
    }
    by_vagueness = Ultimatum(
        **{**scalars, "vagueness": vagueness_values}, deadline=deadline
    ).outcome()  # one vectorised call
    by_carrot = Ultimatum(**{**scalars, "carrot": carrot_values}, deadline=deadline).outcome()
    game_settings: Mapping[str, Any] = dict(
        prior_resolute=prior_resolute,
        resolute_value=resolute_value,
        irresolute_value=irresolute_value,
        threat=threat,
        risk=risk,
    )
    point = ResolveSignalling(
        demand=demand, vagueness=vagueness, audience_cost=audience_cost, carrot=carrot, **game_settings
    )
    settings = tuple(sorted((name, exact(value)) for name, value in game_settings.items()))
    audience_costs, carrots, regimes = _regime_grid(exact(demand), exact(vagueness), settings, points)
    return ExplorerState(
        demand=ultimatum.demand,
        vagueness=ultimatum.vagueness,
        carrot=ultimatum.carrot,
        audience_cost=ultimatum.audience_cost,
        compliance_probability=outcome.compliance_probability,
        threat_executed_probability=outcome.threat_executed_probability,
        back_down_probability=outcome.back_down_probability,
        credibility=outcome.credibility,
        regime=str(outcome.regime),
        signalling_regime=str(point.regime(detail=False)),
        vagueness_values=_frozen(vagueness_values),
        compliance_by_vagueness=_frozen(by_vagueness.compliance_probability),
        executed_by_vagueness=_frozen(by_vagueness.threat_executed_probability),
        carrot_values=_frozen(carrot_values),
        compliance_by_carrot=_frozen(by_carrot.compliance_probability),
        executed_by_carrot=_frozen(by_carrot.threat_executed_probability),
        audience_costs=audience_costs,
        carrots=carrots,
        regimes=regimes,
    )


def plot_state(state: ExplorerState) -> Any:
    """Draw the explorer's three panels: probabilities against vagueness, against the carrot, and
    the signalling regime map with the current point marked. Returns a matplotlib ``Figure``
    (no pyplot, so it works under any backend and in tests).

    >>> figure = plot_state(explorer_state(Fraction(1, 5), Fraction(1, 10), 0, Fraction(1, 2), resolution=5))
    >>> [axes.get_xlabel() for axes in figure.axes]
    ['vagueness σ of the condition', 'carrot s', 'specificity of the threat (audience cost a)']
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    figure = Figure(figsize=(13, 4.2))
    by_vagueness, by_carrot, regime_axes = figure.subplots(1, 3, width_ratios=[1, 1, 1.25])
    panels = (
        (by_vagueness, state.vagueness_values, state.compliance_by_vagueness, state.executed_by_vagueness,
         state.vagueness, "vagueness σ of the condition"),
        (by_carrot, state.carrot_values, state.compliance_by_carrot, state.executed_by_carrot,
         state.carrot, "carrot s"),
    )  # fmt: skip
    for axes, values, compliance, executed, current, label in panels:
        axes.plot(values, compliance, label="P(comply)", color="tab:green")
        axes.plot(values, executed, label="P(threat executed)", color="tab:red")
        axes.axvline(float(current), color="black", linestyle=":", linewidth=1)
        axes.set_xlabel(label)
        axes.set_ylim(-0.02, 1.02)
        axes.legend(fontsize="small", loc="best")
    by_vagueness.set_ylabel("probability")
    names, codes = np.unique(state.regimes, return_inverse=True)
    codes = codes.reshape(state.regimes.shape)
    colours = ListedColormap([f"C{i % 10}" for i in range(len(names))])
    regime_axes.pcolormesh(
        state.audience_costs,
        state.carrots,
        codes,
        cmap=colours,
        shading="nearest",
        vmin=-0.5,
        vmax=len(names) - 0.5,
    )
    regime_axes.plot(
        [float(state.audience_cost)], [float(state.carrot)], marker="*", color="white",
        markeredgecolor="black", markersize=14,
    )  # fmt: skip
    regime_axes.set_xlabel("specificity of the threat (audience cost a)")
    regime_axes.set_ylabel("carrot s")
    regime_axes.set_title("signalling regimes", fontsize="medium")
    handles = [Rectangle((0, 0), 1, 1, color=f"C{i % 10}") for i in range(len(names))]
    figure.legend(handles, [str(name) for name in names], fontsize="x-small", loc="lower center", ncol=2)
    figure.subplots_adjust(bottom=0.12 + 0.045 * ((len(names) + 1) // 2), wspace=0.3)
    return figure


class Explorer:
    """The ipywidgets explorer: four sliders, a readout of the numbers and the figure.

    ``sliders`` maps each instrument to its ``FloatSlider``; ``readout`` is an ``HTML`` widget,
    ``image`` a PNG ``Image`` widget; ``state`` is the latest :class:`ExplorerState`; ``widget``
    is the whole box (displaying the explorer displays it). Changing a slider calls
    :meth:`update`, which recomputes the state and redraws.

    >>> view = explorer(resolution=5)
    >>> type(view).__name__, sorted(view.sliders)[:3]
    ('Explorer', ['audience_cost', 'carrot', 'demand'])
    """

    def __init__(self, initial: Mapping[str, Any], settings: Mapping[str, Any]) -> None:
        import ipywidgets

        self.settings = dict(settings)
        self.sliders = {
            name: ipywidgets.FloatSlider(
                value=float(initial[name]),
                min=low,
                max=high,
                step=step,
                description=label,
                continuous_update=False,
                readout_format=".2f",
                style={"description_width": "initial"},
            )
            for name, (label, low, high, step) in SLIDERS.items()
        }
        self.readout = ipywidgets.HTML()
        self.image = ipywidgets.Image(format="png")
        self.state = self._solve()
        self._draw()
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        controls = ipywidgets.VBox(list(self.sliders.values()))
        self.widget = ipywidgets.VBox([ipywidgets.HBox([controls, self.readout]), self.image])

    def _solve(self) -> ExplorerState:
        values: dict[str, Any] = {name: exact(slider.value) for name, slider in self.sliders.items()}
        return explorer_state(**values, **self.settings)

    def _draw(self) -> None:
        self.readout.value = self.state.readout()
        figure = plot_state(self.state)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80)
        self.image.value = buffer.getvalue()

    def update(self, change: Any = None) -> ExplorerState:
        """Recompute and redraw for the sliders' current values (the sliders' callback).

        >>> view = explorer(resolution=5)
        >>> view.sliders["vagueness"].value = 0.0
        >>> view.update().compliance_probability == view.state.compliance_probability
        True
        """
        self.state = self._solve()
        self._draw()
        return self.state

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def explorer(
    demand: Value = Fraction(1, 5),
    vagueness: Value = Fraction(1, 4),
    carrot: Value = 0,
    audience_cost: Value = Fraction(1, 10),
    **settings: Value,
) -> Explorer:
    """Build the interactive explorer (needs ipywidgets and matplotlib), starting at the January
    2025 threat: a demand of 1/5, a vague condition, no carrot and a small audience cost.

    ``settings`` go to :func:`explorer_state` (``threat``, ``deadline``, ``risk``, the signalling
    types, ``resolution``). Display the result in a notebook cell.

    >>> view = explorer(resolution=5)
    >>> view.state.compliance_probability
    Fraction(0, 1)
    >>> view.sliders["vagueness"].value = 0.0
    >>> view.state.compliance_probability
    Fraction(2, 7)
    """
    initial = dict(demand=demand, vagueness=vagueness, carrot=carrot, audience_cost=audience_cost)
    for name, value in initial.items():
        _, low, high, _ = SLIDERS[name]
        if not low <= float(exact(value)) <= high:
            raise ParameterValueError(name, f"within the slider's range [{low}, {high}]", value)
    return Explorer(initial, settings)
