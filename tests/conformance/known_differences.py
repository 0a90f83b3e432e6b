"""known_differences.py: the one list of known, documented differences
between Excel (which valsheet follows) and LibreOffice, as rules the
differential test applies to a formula whose two values differ.

A rule is (name, section, predicate). SECTION is the heading slug of
docs/excel-vs-libreoffice.md that documents the difference (with
Microsoft's reference); differential.py checks that it exists. The
predicate gets a Case:
  case.formula   the formula text
  case.features  what the generator knows the formula does, a set of:
                   'bool_in_range'  a range argument holds a TRUE/FALSE cell
                   'bool_text'      a value that may be boolean becomes text
                   'bool_compare'   a value that may be boolean is compared
                   'bool_is'        ISNUMBER/ISTEXT/... of a possible boolean
                   'numtext_crit'   a criteria range holds numeric text
                   'truetext'       the formula reads the text "TRUE" or "FALSE"
                   'multi_error'    the formula reads cells of two kinds of error
  case.vs        valsheet's value, case.lo LibreOffice's (common.py's form)
and returns True when the difference is the documented one. A rule only
excuses a formula whose values differ; every other formula must agree.
"""
import re


def _is_err(v):
    return isinstance(v, dict)


def _lo_own_error(case):
    # Err:502 (invalid argument), Err:504 (parameter type), Err:523 (no
    # convergence) have no Excel equivalent; valsheet shows Excel's error.
    return (_is_err(case.vs) and _is_err(case.lo)
            and str(case.lo.get('error', '')).startswith('Err:'))


def _bool_format(case):
    # LibreOffice carries the boolean format through arithmetic (--TRUE
    # shows TRUE) and drops it in some branches: same number, other type.
    a, b = case.vs, case.lo
    if isinstance(a, bool) != isinstance(b, bool) and not _is_err(a) and not _is_err(b):
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return False
    return False


def _booleans(case):
    return bool(case.features & {'bool_in_range', 'bool_text', 'bool_compare', 'bool_is'})


def _three_digit_exponent(case):
    # "1E+020" in LibreOffice, "1E+20" in Excel.
    if isinstance(case.vs, str) and isinstance(case.lo, str):
        return re.sub(r'E([+-])0(\d\d)', r'E\1\2', case.lo) == case.vs
    return False


def _powers(case):
    return ('^' in case.formula or 'POWER(' in case.formula) and (
        _is_err(case.vs) or _is_err(case.lo))


def _both_errors(case):
    # Both engines give an error, but not the same one: the other engine
    # takes another of several errors (left or right operand, row- or
    # column-wise scan of a range), or LibreOffice picks another error
    # for a bad argument than Microsoft documents. The differential test
    # only asserts "an error in both" here; the exact Excel error of each
    # function and operator is the corpus's job (cases.txt).
    return _is_err(case.vs) and _is_err(case.lo)


def _error_type(case):
    # ERROR.TYPE turns a LibreOffice error code into #N/A and another
    # error into another number.
    return 'ERROR.TYPE(' in case.formula and (
        _is_err(case.lo) or (common_num(case.vs) and common_num(case.lo)))


def common_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _empty_find(case):
    # An empty search text: Excel finds it at the start, LibreOffice gives
    # #VALUE!, which IFERROR or an IS function may then hide.
    f = case.formula
    return ('FIND(' in f or 'SEARCH(' in f) and (
        case.lo == {'error': '#VALUE!'} or 'IFERROR(' in f or 'IS' in f)


def _wildcard_number(case):
    # A criteria with * or ? matches only text in Excel; LibreOffice also
    # matches numbers by their digits.
    f = case.formula
    return 'IF(' in f and re.search(r'IFS?\([^"]*"[^"]*[*?][^"]*"', f) is not None


def _error_seen(case):
    # Several errors read, and ISNA/IFNA/ERROR.TYPE tells which one won.
    f = case.formula
    return 'multi_error' in case.features and ('ISNA(' in f or 'IFNA(' in f or
                                                'ERROR.TYPE(' in f or 'IFERROR(' in f)


def _mround_signs(case):
    return 'MROUND(' in case.formula and case.vs == {'error': '#NUM!'}


RULES = [
    ('LibreOffice error code', 'errors-for-a-bad-argument', _lo_own_error),
    ('boolean as number', 'booleans-are-numbers-in-libreoffice', _booleans),
    ('boolean format', 'booleans-are-numbers-in-libreoffice', _bool_format),
    ('booleans as text', 'booleans-in-text', lambda c: 'bool_text' in c.features),
    ('exponent digits', 'numbers-converted-to-text', _three_digit_exponent),
    ('powers', 'powers-of-zero-and-of-negative-numbers', _powers),
    ('COUNTIF numeric text', 'countif-and-numeric-text',
     lambda c: 'numtext_crit' in c.features),
    ('text "TRUE" as a number', 'booleans-in-text', lambda c: 'truetext' in c.features),
    ('empty search text', 'find-with-an-empty-search-text', _empty_find),
    ('MROUND signs', 'arguments-excel-refuses', _mround_signs),
    ('ERROR.TYPE of another error', 'errors-for-a-bad-argument', _error_type),
    ('wildcard and number', 'wildcards-match-only-text', _wildcard_number),
    ('another error', 'which-error-wins', _both_errors),
    ('another error, tested', 'which-error-wins', _error_seen),
]


def explain(case):
    """The first rule that excuses CASE's difference, or None."""
    for name, section, pred in RULES:
        if pred(case):
            return name, section
    return None
