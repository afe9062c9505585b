import Testing

@testable import ArmoxRender

/// The gallery page's text is HTML-escaped wherever it comes from, and the
/// page can hold no script.
@Suite("The gallery page")
struct GalleryPageTests {
    let hostile = #"<script>alert("x")</script> & 'quoted' \#u{1B}[31m"#

    @Test func everyTextIsEscaped() {
        let card = GalleryCard(
            id: "job_\"><img src=x onerror=alert(1)>", media: [.image("out/a.png"), .text("javascript:alert(1)")], prompt: hostile,
            model: "<b>model</b>", settings: [("aspect_ratio", "16:9\"><script>")], credits: "30", status: "failed<script>",
            time: nil, error: "boom </p><script>alert(2)</script>")
        let page = GalleryPage.html(title: "t <x>", subtitle: "s & t", cards: [card])
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("<b>model"))
        #expect(!page.contains("\u{1B}"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        // The unknown status gets no class of its own.
        #expect(page.contains("class=\"status other\""))
        // A page with no script may run none: the policy says so to the browser.
        #expect(page.contains("default-src 'none'"))
        #expect(page.contains(GalleryPage.generator))
    }

    @Test func escapingCoversAttributes() {
        #expect(GalleryPage.escaped(#"a"b'c<d>e&f"#) == "a&quot;b&#39;c&lt;d&gt;e&amp;f")
        #expect(GalleryPage.escaped("line\nbreak\ttab\u{7}bell\u{85}") == "line\nbreak\ttab\u{FFFD}bell\u{FFFD}")
    }
}
