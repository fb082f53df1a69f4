"""What TeX a formula from the data may hold, for LaTeX and for MathJax.

Sphinx passes math on as written: to LaTeX, where a macro can read a file of
the build machine into the PDF, and to MathJax, where one can make a link or
style the page. A formula from the data may therefore use only the commands
and environments people write in formulas (:data:`MATH_COMMANDS`,
:data:`MATH_ENVIRONMENTS`), with balanced braces, and none of the characters
that end math mode or the line in LaTeX. Everything else is refused by name.

No Sphinx or docutils here: the checks are pure functions of the text.
"""

from __future__ import annotations

import re

#: Classes that make MathJax skip an element's text: ``mathjax_ignore`` is
#: the default of MathJax 3 and 4, ``tex2jax_ignore`` that of MathJax 2.
MATHJAX_IGNORE = ("tex2jax_ignore", "mathjax_ignore")
#: Classes that make MathJax typeset an element inside an ignored one.
MATHJAX_PROCESS = ("tex2jax_process", "mathjax_process")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The commands a formula may use: symbols, operators, relations, arrows,
#: accents, fonts and structures of LaTeX with amsmath and amssymb (which
#: Sphinx's LaTeX loads), all of which MathJax knows too.
MATH_COMMANDS = _words(
    """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota
    kappa varkappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau
    upsilon phi varphi chi psi omega digamma Gamma Delta Theta Lambda Xi Pi
    Sigma Upsilon Phi Psi Omega aleph beth gimel daleth

    pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot
    cap cup uplus sqcap sqcup vee wedge land lor setminus smallsetminus wr
    dagger ddagger amalg diamond bigcirc bigtriangleup bigtriangledown
    triangleleft triangleright ltimes rtimes boxplus boxminus boxtimes boxdot
    dotplus centerdot intercal barwedge veebar curlywedge curlyvee

    leq le geq ge neq ne equiv approx approxeq sim simeq cong propto prec succ
    preceq succeq ll gg lll ggg subset supset subseteq supseteq subsetneq
    supsetneq sqsubset sqsupset sqsubseteq sqsupseteq in ni notin mid nmid
    parallel nparallel perp models vdash dashv vDash Vdash asymp doteq bowtie
    smile frown leqslant geqslant lesssim gtrsim lessgtr gtrless nleq ngeq
    nless ngtr lneq gneq nsim ncong triangleq therefore because

    leftarrow rightarrow to gets leftrightarrow Leftarrow Rightarrow
    Leftrightarrow longleftarrow longrightarrow longleftrightarrow
    Longleftarrow Longrightarrow Longleftrightarrow mapsto longmapsto uparrow
    downarrow updownarrow Uparrow Downarrow Updownarrow nearrow searrow
    swarrow nwarrow hookleftarrow hookrightarrow leftharpoonup rightharpoonup
    leftharpoondown rightharpoondown rightleftharpoons leftrightarrows
    rightleftarrows iff implies impliedby xleftarrow xrightarrow leadsto
    twoheadrightarrow twoheadleftarrow rightsquigarrow circlearrowleft
    circlearrowright curvearrowleft curvearrowright upharpoonright
    restriction

    sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes
    bigodot biguplus bigsqcup bigvee bigwedge lim liminf limsup sup inf max
    min arg det dim exp gcd hom ker lg ln log Pr sin cos tan cot sec csc sinh
    cosh tanh coth arcsin arccos arctan deg injlim projlim varliminf
    varlimsup

    infty partial nabla forall exists nexists neg lnot emptyset varnothing
    ell hbar hslash imath jmath Re Im wp angle measuredangle sphericalangle
    triangle square blacksquare checkmark prime backprime top bot flat
    natural sharp clubsuit diamondsuit heartsuit spadesuit surd complement
    mho eth Bbbk circledS dots ldots cdots vdots ddots dotsc dotsb dotsm
    dotsi dotso colon vert Vert lvert rvert lVert rVert langle rangle lfloor
    rfloor lceil rceil backslash lbrace rbrace lbrack rbrack

    hat widehat check tilde widetilde acute grave dot ddot dddot breve bar
    vec overline underline overbrace underbrace overrightarrow overleftarrow
    overleftrightarrow underrightarrow underleftarrow underleftrightarrow
    mathring

    mathbf mathrm mathit mathsf mathtt mathcal mathbb mathfrak mathnormal
    boldsymbol pmb operatorname text textbf textit textrm textsf texttt
    textnormal mbox displaystyle textstyle scriptstyle scriptscriptstyle

    frac dfrac tfrac cfrac binom dbinom tbinom sqrt overset underset stackrel
    substack sideset left right middle big Big bigg Bigg bigl bigr Bigl Bigr
    biggl biggr Biggl Biggr bigm Bigm biggm Biggm limits nolimits pmod bmod
    mod pod boxed phantom hphantom vphantom smash not tag notag nonumber
    hline intertext quad qquad begin end
    """
)

#: The environments a formula may use within the math.
MATH_ENVIRONMENTS = _words(
    """
    matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix smallmatrix cases aligned
    alignedat gathered split array subarray
    """
)

#: Display environments, which LaTeX accepts only as the whole of a no-wrap
#: block (MyST's ``amsmath`` blocks, ``.. math::`` with ``:no-wrap:``).
DISPLAY_ENVIRONMENTS = frozenset(
    f"{name}{star}"
    for name in ("equation", "align", "gather", "multline", "flalign", "alignat")
    for star in ("", "*")
)

#: Control symbols: spacing, escaped special characters and the line break.
_SYMBOLS = frozenset(" \n\t,;:!>{}%#&_$\\|")

# A control word, a control symbol, "^^" (a character by its code: "^^5c" is
# a backslash), a brace, and the characters that end math mode ($), begin a
# comment that swallows the closing delimiter (%), or stand for a macro's
# parameter (#); a control character.
_TOKEN = re.compile(
    r"\\(?:[A-Za-z]+|.|$)|\^\^|[{}%$#]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", re.DOTALL
)
_GROUP = re.compile(r"\s*\{([^{}]*)\}")
_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_NUMBERED = re.compile(
    r"(\\(?:begin|end)\s*\{)(equation|align|gather|multline|flalign|alignat)\}"
)


def _cut(text: str) -> str:
    """``text`` as a message quotes it: cut, control characters as ``?``."""
    text = text if len(text) <= 40 else text[:37] + "..."
    return "".join(char if char.isprintable() else "?" for char in text)


def refused_tex(text: str, *, no_wrap: bool = False) -> str | None:
    """The first command or character of ``text`` that a formula may not use.

    :param no_wrap: whether the text is the whole of a display block that
        LaTeX reads as written: then it must be made of display
        environments (``align*``...), and only then may it use them.
    :return: what to name in the message (cut), or None if the text is safe.
    """
    depth = 0
    environments: list[str] = []
    skip = 0  # the end of the last environment name read
    top_end = 0  # the end of the last display environment, in no-wrap text
    for token in _TOKEN.finditer(text):
        if token.start() < skip:
            continue  # within the name of an environment
        found = token.group()
        if no_wrap and not environments:
            before = text[skip : token.start()].strip()
            if before or found != "\\begin":
                return _cut(before or found)
        if found in ("\\begin", "\\end"):
            group = _GROUP.match(text, token.end())
            if group is None:
                return found
            name = group.group(1).strip()
            shown = _cut(f"{found}{{{name}}}")
            if found == "\\begin":
                top = no_wrap and not environments
                if name not in (DISPLAY_ENVIRONMENTS if top else MATH_ENVIRONMENTS):
                    return shown
                environments.append(name)
            elif not environments or environments.pop() != name:
                return shown
            skip = group.end()
            if not environments:
                top_end = skip
        elif found[0] == "\\" and found[1:].isalpha():
            if found[1:] not in MATH_COMMANDS:
                return _cut(found)
        elif found[0] == "\\":
            if found[1:] not in _SYMBOLS:
                return found if found.isprintable() else "\\"
        elif found == "{":
            depth += 1
        elif found == "}":
            depth -= 1
            if depth < 0:
                return "}"
        elif found.isprintable():
            return found  # ^^, %, $, #
        else:
            return f"U+{ord(found):04X}"
    if depth > 0:
        return "{"
    if environments:
        return _cut(f"\\begin{{{environments[-1]}}}")
    if no_wrap and text[top_end:].strip():
        return _cut(text[top_end:].strip())
    return None


def without_labels(text: str) -> tuple[str, list[str]]:
    """``text`` without its ``\\label{...}`` commands, and the labels."""
    labels = [match.group(1) for match in _LABEL.finditer(text)]
    return (_LABEL.sub("", text) if labels else text), labels


def unnumbered(text: str) -> tuple[str, list[str]]:
    """``text`` with its numbered display environments starred, and their names."""
    names = [
        match.group(2)
        for match in _NUMBERED.finditer(text)
        if match.group(1).startswith("\\begin")
    ]
    return (_NUMBERED.sub(r"\1\2*}", text) if names else text), names
