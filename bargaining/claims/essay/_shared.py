"""What the essay's claims share: the budget of exact model calls for shrinking a counterexample."""

CI_BUDGET = 100
