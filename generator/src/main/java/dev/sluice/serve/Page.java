package dev.sluice.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page {@code sluice serve} shows a browser: three files in the jar ({@code dev/sluice/serve/page/}), plain HTML,
 * CSS and JavaScript with no build step and nothing fetched from elsewhere. The page works through the HTTP API alone
 * ({@code /metadata}, {@code /plan}, {@code /chart.svg}, {@code /answers.yaml}, {@code /explore}, {@code /starter.zip}).
 */
final class Page {
    /** Where the page's scripts and styles are served from. */
    static final String ASSETS = "/assets/";

    /** Every file served, and its type: nothing else under {@link #ASSETS} is, so no request names another file. */
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private Page() {}

    static Optional<SluiceServer.Response> asset(String name) {
        String type = TYPES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = Page.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the page's " + name);
            }
            return Optional.of(new SluiceServer.Response(200, type, in.readAllBytes(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
