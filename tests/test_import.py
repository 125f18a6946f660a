"""``import bargaining`` stays light: no sympy, scipy or nashpy until a function needs them."""

import subprocess
import sys


def _loaded_after(code: str) -> set[str]:
    script = f"import sys; {code}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_bargaining_does_not_load_heavy_dependencies():
    heavy = {"sympy", "scipy", "nashpy", "matplotlib", "dask", "xarray"}
    assert not (_loaded_after("import bargaining") & heavy)


def test_models_load_without_sympy_until_a_symbolic_answer_is_asked_for():
    loaded = _loaded_after(
        "from fractions import Fraction as F; import bargaining.crisis as c; "
        "c.RiskReturn(F(1, 2), F(1, 10), 0, F(2, 5)).solve(); c.Crisis(0.5, 0.1, 0.1).bargaining_range()"
    )
    assert "sympy" not in loaded and "scipy" not in loaded
