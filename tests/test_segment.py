from models.segment import looks_hard_wrapped, split_paragraphs


def test_segment_blank_lines_with_no_break_spaces_separate_paragraphs():
    text = "First paragraph wraps\nonto a second line.  \n\u00a0  \nSecond paragraph."
    assert split_paragraphs(text) == [
        "First paragraph wraps onto a second line.",
        "Second paragraph.",
    ]


def test_segment_one_hard_wrapped_block_is_joined_not_split_per_line():
    text = (
        "National Security Advisor Jake Sullivan met with his counterparts from Japan and\n"
        "the Republic of Korea and discussed the deepening partnership between the DPRK and\n"
        "Russia, which the advisors said poses a threat to peace. The advisors agreed to\n"
        "meet again next year in Seoul to review progress on their trilateral initiatives.\n"
    )
    assert looks_hard_wrapped(text.split("\n"))
    assert len(split_paragraphs(text)) == 1


def test_segment_single_newline_paragraphs_are_not_hard_wrapped():
    lines = [
        "Mr. President, it is an honour to address this Assembly on behalf of my country, which "
        "has long championed multilateral cooperation and the peaceful settlement of disputes.",
        "We welcome the progress made in the Sustainable Development Goals.",
        "Climate change remains the defining challenge of our time, and small island states "
        "bear the brunt of it although they contributed least to the problem.",
    ]
    assert not looks_hard_wrapped(lines)
    assert split_paragraphs("\n".join(lines)) == lines


def test_segment_long_line_without_full_stop_continues_on_the_next():
    lines = [
        "We thank the Secretary-General, the parties concerned and the delegations of India and "
        "the Holy See, since the President believes that His Excellency",
        "Pope Francis should take part in this effort.",
        "Short Heading",
        "Next paragraph.",
    ]
    assert split_paragraphs("\n".join(lines)) == [
        f"{lines[0]} {lines[1]}",
        "Short Heading",
        "Next paragraph.",
    ]


def test_segment_lines_alone_are_not_joined_unless_wrapped_or_running_on():
    def alone(line):
        return line in {"Web Desk", "5:11 PM | May 2, 2024"}

    text = "Ministers meet in Geneva\nWeb Desk\n5:11 PM | May 2, 2024\nThe ministers met."
    assert split_paragraphs(text, alone=alone) == [
        "Ministers meet in Geneva",
        "Web Desk",
        "5:11 PM | May 2, 2024",
        "The ministers met.",
    ]
    assert split_paragraphs("Talks\n\nThe meeting of the\nWeb Desk\nended.", alone=alone) == [
        "Talks",
        "The meeting of the Web Desk ended.",
    ]


def test_segment_a_line_printed_twice_is_no_wrap():
    line = "The two ministers pose for a photo in Geneva."
    assert split_paragraphs(f"Talks\n\n{line}\n{line}") == ["Talks", line, line]
