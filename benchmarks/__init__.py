"""The benchmark suite: every ``bench_*.py`` module here defines ``run(quick: bool) -> list[dict]``."""
