"""The corpus safety extension (``build_tools.adapters.mdext``), as Python-Markdown tests it.

Every case runs with the extensions the site uses (mkdocs.yml, and the plugin's
REQUIRED_EXTENSIONS), so an expectation is the HTML a reader's browser gets. Corpus
Markdown comes from untrusted seeds: raw HTML is shown as text, event handler and style
attributes are dropped, and a link or image whose URL is not http, https, mailto or relative
becomes plain text.
"""

from __future__ import annotations

from markdown.test_tools import TestCase

SITE_EXTENSIONS = ["toc", "tables", "attr_list", "footnotes", "admonition",
                   "build_tools.adapters.mdext"]


def footnote_ref(note: str, number: int) -> str:
    return f'<sup id="fnref:{note}"><a class="footnote-ref" href="#fn:{note}">{number}</a></sup>'


def footnote_backref(note: str, number: int) -> str:
    return (f'&#160;<a class="footnote-backref" href="#fnref:{note}" '
            f'title="Jump back to footnote {number} in the text">&#8617;</a>')


class SiteMarkdownTestCase(TestCase):
    default_kwargs = {"extensions": SITE_EXTENSIONS,
                      "extension_configs": {"toc": {"permalink": True}}}


class TestOrdinaryMarkdownIsUnchanged(SiteMarkdownTestCase):
    def test_plain_paragraph(self) -> None:
        self.assertMarkdownRenders(
            "A plain paragraph with *emphasis* and **bold**.",
            "<p>A plain paragraph with <em>emphasis</em> and <strong>bold</strong>.</p>",
        )

    def test_footnote_still_works(self) -> None:
        self.assertMarkdownRenders(
            self.dedent(
                """
                A translated word[^tn-1].

                [^tn-1]: **Translation note**: a note.
                """
            ),
            self.dedent(
                f"""
                <p>A translated word{footnote_ref("tn-1", 1)}.</p>
                <div class="footnote">
                <hr />
                <ol>
                <li id="fn:tn-1">
                <p><strong>Translation note</strong>: a note.{footnote_backref("tn-1", 1)}</p>
                </li>
                </ol>
                </div>
                """
            ),
        )

    def test_heading_keeps_its_permalink(self) -> None:
        self.assertMarkdownRenders(
            "## Text",
            '<h2 id="text">Text<a class="headerlink" href="#text" title="Permanent link">&para;</a></h2>',
        )

    def test_class_from_attr_list_is_kept(self) -> None:
        # render_body marks interview turns this way
        self.assertMarkdownRenders(
            "**Interviewer:** Do the sanctions work?\n{: .corpus-turn .corpus-turn--interviewer }",
            '<p class="corpus-turn corpus-turn--interviewer"><strong>Interviewer:</strong> '
            "Do the sanctions work?</p>",
        )


class TestRawHtmlIsShownAsText(SiteMarkdownTestCase):
    def test_inline_script(self) -> None:
        self.assertMarkdownRenders(
            'Hello <script>alert("body")</script> world.',
            '<p>Hello &lt;script&gt;alert("body")&lt;/script&gt; world.</p>',
        )

    def test_inline_image_with_event_handler(self) -> None:
        self.assertMarkdownRenders(
            "I think the <img src=x onerror=alert(3)> DPRK is fine.",
            "<p>I think the &lt;img src=x onerror=alert(3)&gt; DPRK is fine.</p>",
        )

    def test_html_block(self) -> None:
        self.assertMarkdownRenders(
            self.dedent(
                """
                <div onclick="steal()">
                <b>hi</b>
                </div>
                """
            ),
            self.dedent(
                """
                <p>&lt;div onclick="steal()"&gt;
                &lt;b&gt;hi&lt;/b&gt;
                &lt;/div&gt;</p>
                """
            ),
        )

    def test_script_block(self) -> None:
        self.assertMarkdownRenders(
            "<script>\nalert(1)\n</script>",
            "<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;</p>",
        )

    def test_html_comment(self) -> None:
        self.assertMarkdownRenders("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>")

    def test_html_in_admonition_title_and_body(self) -> None:
        self.assertMarkdownRenders(
            '!!! warning "<b>Proposed</b>"\n    body <i>x</i>',
            self.dedent(
                """
                <div class="admonition warning">
                <p class="admonition-title">&lt;b&gt;Proposed&lt;/b&gt;</p>
                <p>body &lt;i&gt;x&lt;/i&gt;</p>
                </div>
                """
            ),
        )


class TestUnsafeUrlsBecomeText(SiteMarkdownTestCase):
    def test_javascript_link(self) -> None:
        self.assertMarkdownRenders("[x](javascript:alert(1))", "<p><span>x</span></p>")

    def test_mixed_case_scheme(self) -> None:
        self.assertMarkdownRenders("[x](JaVaScRiPt:alert(1))", "<p><span>x</span></p>")

    def test_entity_encoded_colon(self) -> None:
        self.assertMarkdownRenders("[x](javascript&#58;alert(1))", "<p><span>x</span></p>")

    def test_hex_entity_colon(self) -> None:
        self.assertMarkdownRenders("[x](javascript&#x3a;alert(1))", "<p><span>x</span></p>")

    def test_named_entity_colon_and_mixed_case(self) -> None:
        self.assertMarkdownRenders("[x](JaVaScRiPt&colon;alert(1))", "<p><span>x</span></p>")

    def test_entity_encoded_first_letter(self) -> None:
        self.assertMarkdownRenders("[x](&#106;avascript:alert(1))", "<p><span>x</span></p>")

    def test_double_encoded_entity(self) -> None:
        self.assertMarkdownRenders("[x](javascript&amp;colon;alert(1))", "<p><span>x</span></p>")

    def test_tab_entity_inside_the_scheme(self) -> None:
        # browsers drop tabs and newlines inside a URL: "java\tscript:" is "javascript:"
        self.assertMarkdownRenders("[x](java&#x09;script:alert(1))", "<p><span>x</span></p>")

    def test_angle_bracketed_destination(self) -> None:
        self.assertMarkdownRenders("[x](<javascript:alert(1)>)", "<p><span>x</span></p>")

    def test_reference_style_link(self) -> None:
        self.assertMarkdownRenders("[x][r]\n\n[r]: javascript:alert(1)", "<p><span>x</span></p>")

    def test_vbscript_link(self) -> None:
        self.assertMarkdownRenders("[x](vbscript:msgbox(1))", "<p><span>x</span></p>")

    def test_data_url_image_keeps_its_alt_text(self) -> None:
        self.assertMarkdownRenders("![pic](data:image/png;base64,AAAA)", "<p><span>pic</span></p>")

    def test_javascript_image(self) -> None:
        self.assertMarkdownRenders("![pic](javascript:alert(1))", "<p><span>pic</span></p>")

    def test_data_url_link(self) -> None:
        self.assertMarkdownRenders("[x](data:text/html,hello)", "<p><span>x</span></p>")

    def test_href_set_through_attr_list(self) -> None:
        self.assertMarkdownRenders(
            '[x](https://example.org){: href="javascript:alert(1)" }', "<p><span>x</span></p>"
        )

    def test_javascript_autolink_is_text(self) -> None:
        self.assertMarkdownRenders("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>")

    def test_unsafe_links_in_footnotes_and_tables(self) -> None:
        self.assertMarkdownRenders(
            self.dedent(
                """
                | a |
                | --- |
                | [t](javascript:alert(3)) |

                T[^1]

                [^1]: [y](javascript:alert(2))
                """
            ),
            self.dedent(
                f"""
                <table>
                <thead>
                <tr>
                <th>a</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td><span>t</span></td>
                </tr>
                </tbody>
                </table>
                <p>T{footnote_ref("1", 1)}</p>
                <div class="footnote">
                <hr />
                <ol>
                <li id="fn:1">
                <p><span>y</span>{footnote_backref("1", 1)}</p>
                </li>
                </ol>
                </div>
                """
            ),
        )


class TestDangerousAttributesAreRemoved(SiteMarkdownTestCase):
    def test_onclick_on_paragraph(self) -> None:
        self.assertMarkdownRenders('A paragraph.\n{: onclick="alert(1)" }', "<p>A paragraph.</p>")

    def test_uppercase_handler_removed_class_kept(self) -> None:
        self.assertMarkdownRenders(
            'A paragraph.\n{: ONCLICK="alert(1)" .ok }', '<p class="ok">A paragraph.</p>'
        )

    def test_style_on_paragraph(self) -> None:
        self.assertMarkdownRenders(
            'A paragraph.\n{: style="position:fixed;top:0" }', "<p>A paragraph.</p>"
        )

    def test_handler_on_link(self) -> None:
        self.assertMarkdownRenders(
            '[x](https://example.org){: onmouseover="alert(1)" }',
            '<p><a href="https://example.org">x</a></p>',
        )

    def test_handler_on_image(self) -> None:
        self.assertMarkdownRenders(
            '![x](https://example.org/a.png){: onerror="alert(1)" }',
            '<p><img alt="x" src="https://example.org/a.png" /></p>',
        )

    def test_handler_on_heading(self) -> None:
        self.assertMarkdownRenders(
            '# Title {: onclick="alert(1)" }',
            '<h1 id="title">Title<a class="headerlink" href="#title" title="Permanent link">&para;</a></h1>',
        )


class TestSafeLinksAreKept(SiteMarkdownTestCase):
    def test_https_and_http(self) -> None:
        self.assertMarkdownRenders(
            "[a](https://example.org/x?y=1) [b](http://example.org)",
            '<p><a href="https://example.org/x?y=1">a</a> <a href="http://example.org">b</a></p>',
        )

    def test_mailto(self) -> None:
        self.assertMarkdownRenders(
            "[write](mailto:editor@example.org?subject=Correction)",
            '<p><a href="mailto:editor@example.org?subject=Correction">write</a></p>',
        )

    def test_relative_and_docs_root_links(self) -> None:
        # render/ writes links like /actors/x.md; authors write ../actors/x.md or x.md#part
        self.assertMarkdownRenders(
            "[a](../actors/north-korea.md) [b](/actors/north-korea.md) [c](methodology.md#status)",
            '<p><a href="../actors/north-korea.md">a</a> <a href="/actors/north-korea.md">b</a> '
            '<a href="methodology.md#status">c</a></p>',
        )

    def test_anchor(self) -> None:
        self.assertMarkdownRenders("[up](#text)", '<p><a href="#text">up</a></p>')

    def test_autolink(self) -> None:
        self.assertMarkdownRenders(
            "<https://example.org>", '<p><a href="https://example.org">https://example.org</a></p>'
        )

    def test_image_over_https(self) -> None:
        self.assertMarkdownRenders(
            "![map](https://example.org/map.png)",
            '<p><img alt="map" src="https://example.org/map.png" /></p>',
        )


def test_cases_use_the_extensions_the_site_requires() -> None:
    from build_tools.adapters.mkdocs_plugin import REQUIRED_EXTENSIONS

    assert SITE_EXTENSIONS == REQUIRED_EXTENSIONS


class TestAnnotationHighlights(SiteMarkdownTestCase):
    """``[words]{.corpus-ann ...}``, as render/spans.py writes it, becomes an accessible highlight."""

    def test_a_highlight_is_focusable_described_and_has_its_permalink(self) -> None:
        self.assertMarkdownRenders(
            'He said [it is *fake*]{.corpus-ann kinds="claim" anchors="a-1" notes="note-a-1" '
            'tip="Claim, false"}.',
            '<p>He said <mark aria-describedby="note-a-1" class="corpus-ann corpus-ann--claim" '
            'data-tip="Claim, false" id="a-1" tabindex="0">it is <em>fake</em></mark>.</p>',
        )

    def test_overlapping_annotations_share_a_piece(self) -> None:
        self.assertMarkdownRenders(
            '[Kyiv regime]{.corpus-ann kinds="claim technique" anchors="a-2 a-3" '
            'notes="note-a-1 note-a-2 note-a-3" tip="Claim · Technique"}',
            '<p><mark aria-describedby="note-a-1 note-a-2 note-a-3" '
            'class="corpus-ann corpus-ann--claim corpus-ann--technique" data-tip="Claim · Technique" '
            'id="a-2" tabindex="0"><span class="corpus-ann-anchor" id="a-3"></span>Kyiv regime</mark></p>',
        )

    def test_a_later_piece_is_not_a_second_tab_stop(self) -> None:
        self.assertMarkdownRenders(
            '[more words]{.corpus-ann kinds="quote" notes="note-a-1" tip="Quote: Russia"}',
            '<p><mark aria-describedby="note-a-1" class="corpus-ann corpus-ann--quote" '
            'data-tip="Quote: Russia">more words</mark></p>',
        )

    def test_a_list_entry_with_a_link_inside(self) -> None:
        self.assertMarkdownRenders(
            '1. [[Quote](#a-1) — [Russia](/actors/russia.md): “\\[lies\\]”]{.corpus-note id="note-a-1"}',
            '<ol>\n<li><span class="corpus-note" id="note-a-1"><a href="#a-1">Quote</a> — '
            '<a href="/actors/russia.md">Russia</a>: “[lies]”</span></li>\n</ol>',
        )

    def test_the_legend_sample_is_not_focusable(self) -> None:
        self.assertMarkdownRenders(
            '[Quote]{.corpus-ann kinds="quote" legend="yes"}',
            '<p><mark class="corpus-ann corpus-ann--quote corpus-ann--legend">Quote</mark></p>',
        )

    def test_tip_text_is_an_attribute_value_never_markup(self) -> None:
        self.assertMarkdownRenders(
            '[x]{.corpus-ann kinds="tn" tip="<script>alert(1)</script> \\" onmouseover=alert(2)"}',
            '<p><mark class="corpus-ann corpus-ann--tn" data-tip="&lt;script&gt;alert(1)&lt;/script&gt; '
            '&quot; onmouseover=alert(2)">x</mark></p>',
        )

    def test_only_safe_ids_and_kinds_are_kept(self) -> None:
        self.assertMarkdownRenders(
            '[x]{.corpus-ann kinds="claim Bad\\"Kind" anchors="javascript:alert(1)" notes="a b"}',
            '<p><mark aria-describedby="a b" class="corpus-ann corpus-ann--claim">x</mark></p>',
        )

    def test_corpus_annotation_syntax_is_not_page_syntax(self) -> None:
        # The corpus grammar ({.claim ...}) is turned into page spans by render; the extension
        # itself leaves it as text.
        self.assertMarkdownRenders(
            "[words]{.claim assessment=false}",
            "<p>[words]{.claim assessment=false}</p>",
        )
