"""The report's reference list: every work the text or the claims table cites, in full.

:data:`METHODS` are the works of the methods used (always listed); :data:`WORKS` are keyed by the
first author's surname and the year as they are cited (``Fearon (1995)``, ``Fearon 1994, 1995``);
:func:`cited` picks the works a text cites, so the list is complete for what the reader sees and
has nothing the reader was not pointed to.
"""

from __future__ import annotations

import re

__all__ = ["METHODS", "WORKS", "citations", "cited"]

#: The methods of the uncertainty analysis (cited by what they do, not by name, in the text).
METHODS = (
    "Herman, J. & Usher, W. (2017). SALib: An open-source Python library for sensitivity analysis. "
    "Journal of Open Source Software 2(9).",
    "Jansen, M. J. W. (1999). Analysis of variance designs for model output. Computer Physics "
    "Communications 117(1-2).",
    "Saltelli, A. (2002). Making best use of model evaluations to compute sensitivity indices. Computer "
    "Physics Communications 145(2).",
    "Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and their Monte "
    "Carlo estimates. Mathematics and Computers in Simulation 55(1-3).",
)

#: (surname as cited, year) -> the full reference.
WORKS: dict[tuple[str, str], str] = {
    ("Ausubel", "1989"): "Ausubel, L. M. & Deneckere, R. J. (1989). Reputation in bargaining and durable "
    "goods monopoly. Econometrica 57(3).",
    ("Baldwin", "1971"): "Baldwin, D. A. (1971). The power of positive sanctions. World Politics 24(1).",
    ("Barlow", "1975"): "Barlow, R. E. & Proschan, F. (1975). Statistical Theory of Reliability and Life "
    "Testing: Probability Models. Holt, Rinehart and Winston.",
    ("Bennett", "1996"): "Bennett, D. S. & Stam, A. C. (1996). The duration of interstate wars, 1816-1985. "
    "American Political Science Review 90(2).",
    ("Bishop", "1978"): "Bishop, D. T. & Cannings, C. (1978). A generalized war of attrition. Journal of "
    "Theoretical Biology 70(1).",
    ("Blainey", "1973"): "Blainey, G. (1973). The Causes of War. Free Press.",
    ("Cho", "1987"): "Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable equilibria. Quarterly "
    "Journal of Economics 102(2).",
    ("Fearon", "1994"): "Fearon, J. D. (1994). Domestic political audiences and the escalation of "
    "international disputes. American Political Science Review 88(3).",
    ("Fearon", "1995"): "Fearon, J. D. (1995). Rationalist explanations for war. International "
    "Organization 49(3).",
    ("Fortna", "2003"): "Fortna, V. P. (2003). Scraps of paper? Agreements and the durability of peace. "
    "International Organization 57(2).",
    ("Fudenberg", "1991"): "Fudenberg, D. & Tirole, J. (1991). Game Theory. MIT Press.",
    ("George", "1991"): "George, A. L. (1991). Forceful Persuasion: Coercive Diplomacy as an Alternative "
    "to War. United States Institute of Peace Press.",
    ("Hendricks", "1988"): "Hendricks, K., Weiss, A. & Wilson, C. (1988). The war of attrition in "
    "continuous time with complete information. International Economic Review 29(4).",
    ("Krainin", "2017"): "Krainin, C. (2017). Preventive war as a result of long-term shifts in power. "
    "Political Science Research and Methods 5(1).",
    ("Krishna", "1997"): "Krishna, V. & Morgan, J. (1997). An analysis of the war of attrition and the "
    "all-pay auction. Journal of Economic Theory 72(2).",
    ("Kydd", "2005"): "Kydd, A. H. (2005). Trust and Mistrust in International Relations. Princeton "
    "University Press.",
    ("Powell", "2006"): "Powell, R. (2006). War as a commitment problem. International Organization 60(1).",
    ("Rubinstein", "1982"): "Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. "
    "Econometrica 50(1).",
    ("Schelling", "1960"): "Schelling, T. C. (1960). The Strategy of Conflict. Harvard University Press.",
    ("Schelling", "1966"): "Schelling, T. C. (1966). Arms and Influence. Yale University Press.",
    ("Sechser", "2010"): "Sechser, T. S. (2010). Goliath's curse: Coercive threats and asymmetric power. "
    "International Organization 64(4).",
    ("Slantchev", "2003"): "Slantchev, B. L. (2003). The principle of convergence in wartime negotiations. "
    "American Political Science Review 97(4).",
    ("Smith", "2004"): "Smith, A. & Stam, A. C. (2004). Bargaining and the nature of war. Journal of "
    "Conflict Resolution 48(6).",
    ("Sobel", "1983"): "Sobel, J. & Takahashi, I. (1983). A multistage model of bargaining. Review of "
    "Economic Studies 50(3).",
    ("Walter", "1997"): "Walter, B. F. (1997). The critical barrier to civil war settlement. International "
    "Organization 51(3).",
    ("Watson", "1999"): "Watson, J. (1999). Starting small and renegotiation. Journal of Economic Theory "
    "85(1).",
}


def citations(text: str) -> set[tuple[str, str]]:
    """Every (surname, year) the text cites, as ``Surname (1995)``, ``Surname 1994, 1995`` or
    ``Surname & Other (1999)``.

    >>> sorted(citations("George (1991); Fearon 1994, 1995; Watson & X (1999), JET 85(1)"))
    [('Fearon', '1994'), ('Fearon', '1995'), ('George', '1991'), ('Watson', '1999')]
    """
    found = set()
    for match in re.finditer(
        r"\b([A-Z][a-z']+)\b([^.;:]{0,40}?)((?:1[89]|20)\d\d(?:\s*,\s*(?:1[89]|20)\d\d)*)", text
    ):
        for year in re.findall(r"(?:1[89]|20)\d\d", match.group(3)):
            found.add((match.group(1), year))
    return found


def cited(text: str) -> list[str]:
    """The full references of the works in :data:`WORKS` that ``text`` cites, alphabetically.

    >>> [entry[:14] for entry in cited("as Schelling (1966) and Fearon (1995) argue")]
    ['Fearon, J. D. ', 'Schelling, T. ']
    """
    keys = citations(text)
    return sorted(entry for key, entry in WORKS.items() if key in keys)
