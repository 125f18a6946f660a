"""What the essay's claims share: the CI budget (examples and shrinking calls at depth "ci")."""

CI_BUDGET = 100
