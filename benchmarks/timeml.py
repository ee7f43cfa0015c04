"""Reading TimeML (.tml) files, shared by the TempEval and TimeML-event benchmarks: the document's TEXT
as one string and every annotated element inside it with its character span."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def text_and_spans(text_el: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The element's text, and each descendant element with its (start, end) in that text, children
    before their parent (document order otherwise)."""
    parts: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el is not text_el:
            spans.append((el, start, pos))

    walk(text_el)
    return "".join(parts), spans
