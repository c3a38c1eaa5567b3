"""Moodle GIFT: the plain-text question format Moodle imports and exports.

Written: multiple choice and who-said-this as {=right ~wrong …}, true/false as {T}/{F},
short answer and cloze as {=answer =other …}; timelines become multiple-choice-free
short answers of the order. Read: the same forms back (other GIFT types are refused
with the line they stand on).
"""

from __future__ import annotations

import re

from studyapp.interchange.records import FormatError, QuestionRecord

_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def write_gift(records: list[QuestionRecord], title: str) -> str:
    blocks = [f"// {title}", "// Exported from StudyApp", ""]
    for number, record in enumerate(records, start=1):
        name = escape(record.key or f"Q{number}")
        prompt = escape(record.prompt)
        if record.type in {"multiple_choice", "who_said"}:
            options = " ".join(("=" if choice == record.answer else "~") + escape(choice) for choice in record.choices)
            body = f"{{{options}}}"
        elif record.type == "true_false":
            body = "{T}" if record.answer == "True" else "{F}"
        else:
            answers = [record.answer, *record.accept] if record.type != "order" else [record.answer]
            body = "{" + " ".join("=" + escape(answer) for answer in dict.fromkeys(answers)) + "}"
        feedback = f"####{escape(record.explanation)}" if record.explanation else ""
        blocks.append(f"::{name}::{prompt} {body[:-1]}{feedback}}}" if feedback else f"::{name}::{prompt} {body}")
        blocks.append("")
    return "\n".join(blocks)


def _split_answers(body: str) -> list[tuple[str, str]]:
    """``=a ~b ~c`` → [("=", "a"), ("~", "b"), ("~", "c")], honouring backslash escapes."""
    parts: list[tuple[str, str]] = []
    current, mark, index = "", None, 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current += body[index:index + 2]
            index += 2
            continue
        if char in "=~":
            if mark is not None:
                parts.append((mark, current))
            mark, current = char, ""
        else:
            current += char
        index += 1
    if mark is not None:
        parts.append((mark, current))
    return parts


def read_gift(text: str) -> list[QuestionRecord]:
    records: list[QuestionRecord] = []
    # Questions are separated by blank lines; comments start with //.
    block_lines: list[tuple[int, str]] = []
    blocks: list[list[tuple[int, str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if line.strip():
            block_lines.append((number, line))
        elif block_lines:
            blocks.append(block_lines)
            block_lines = []
    if block_lines:
        blocks.append(block_lines)
    for block in blocks:
        line = block[0][0]
        source = " ".join(content.strip() for _, content in block)
        records.append(_read_question(source, line))
    if not records:
        raise FormatError("the file holds no GIFT questions")
    return records


# Each part is "an escaped character, or any other character but a backslash": the two never overlap,
# so a line of backslashes is read once, not tried every way (which took 30 s for 51 bytes).
_QUESTION = re.compile(
    r"^(?:::(?P<name>(?:\\.|[^:\\])*)::)?(?P<prompt>(?:\\.|[^{\\])*)\{(?P<body>(?:\\.|[^}\\])*)\}(?P<tail>.*)$"
)


def _read_question(source: str, line: int) -> QuestionRecord:
    match = _QUESTION.match(source)
    if not match:
        raise FormatError(f"line {line}: not a GIFT question (expected text followed by {{answers}})")
    prompt = unescape(match.group("prompt") + match.group("tail"))
    body, _, feedback = match.group("body").partition("####")
    key = unescape(match.group("name") or "")
    explanation = unescape(feedback)
    body = body.strip()
    if body in {"T", "TRUE", "F", "FALSE"}:
        answer = "True" if body.startswith("T") else "False"
        return _checked(QuestionRecord("true_false", prompt, answer, ["True", "False"], [], explanation, key), line)
    answers = [(mark, unescape(re.sub(r"#.*$", "", value))) for mark, value in _split_answers(body)]
    if not answers:
        raise FormatError(f"line {line}: this GIFT question type is not supported (only multiple choice, "
                          "true/false and short answer)")
    right = [value for mark, value in answers if mark == "="]
    wrong = [value for mark, value in answers if mark == "~"]
    if any(re.match(r"%-?\d+%", value) for _, value in answers) or "->" in body:
        raise FormatError(f"line {line}: partial credit and matching questions are not supported")
    if wrong:
        if len(right) != 1:
            raise FormatError(f"line {line}: a multiple-choice question needs exactly one right answer (=)")
        choices = [value for _mark, value in answers]
        return _checked(QuestionRecord("multiple_choice", prompt, right[0], choices, [], explanation, key), line)
    if not right:
        raise FormatError(f"line {line}: no right answer (=) given")
    return _checked(QuestionRecord("short_answer", prompt, right[0], [], right[1:], explanation, key), line)


def _checked(record: QuestionRecord, line: int) -> QuestionRecord:
    problem = record.problem()
    if problem:
        raise FormatError(f"line {line}: {problem}")
    return record
