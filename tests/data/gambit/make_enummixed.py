"""Regenerate enummixed.json: Gambit's exact extreme equilibria of every two-player game of the
collection (pygambit ``enummixed_solve(rational=True)`` on the strategic form as pygambit reads it),
each game in a child process given ``LIMIT`` seconds. Run from the repository root:

    python tests/data/gambit/make_enummixed.py
"""

import json
import multiprocessing
import pathlib
from fractions import Fraction

HERE = pathlib.Path(__file__).parent
LIMIT = 120


def solve(path: str, queue: multiprocessing.Queue) -> None:
    import pygambit as gbt

    game = gbt.read_nfg(path) if path.endswith(".nfg") else gbt.read_efg(path)
    found = gbt.nash.enummixed_solve(game, rational=True).equilibria
    queue.put(sorted([[str(Fraction(p[s])) for s in player.strategies] for player in game.players] for p in found))


def main() -> None:
    import pygambit as gbt

    result = {}
    for file in sorted(HERE.rglob("*.[ne]fg")):
        name = file.relative_to(HERE).as_posix()
        try:
            game = gbt.read_nfg(str(file)) if file.suffix == ".nfg" else gbt.read_efg(str(file))
        except Exception as error:  # recorded: pygambit refuses this file
            result[name] = {"refused": str(error)}
            continue
        if len(game.players) != 2:
            continue
        shape = [len(p.strategies) for p in game.players]
        queue: multiprocessing.Queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=solve, args=(str(file), queue))
        child.start()
        child.join(LIMIT)
        if child.is_alive():
            child.terminate()
            result[name] = {"shape": shape, "timeout": LIMIT}
        elif child.exitcode != 0 or queue.empty():
            result[name] = {"shape": shape, "failed": True}
        else:
            result[name] = {"shape": shape, "equilibria": queue.get()}
        print(name, result[name].get("timeout", len(result[name].get("equilibria", []))), flush=True)
    (HERE / "enummixed.json").write_text(json.dumps(result, indent=0, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
