package uk.gov.channelpolicy.server;

import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Problem;

/**
 * The page at {@code /problems}: a section per {@link ProblemType}, with the type's name as its id, so that
 * every problem document's {@code type} ({@code /problems#<name>}) lands on what it means. Made from the
 * enum, so it cannot lack a type the server emits. Plain HTML with the playground's stylesheet and no script.
 */
final class ProblemsPage {
    private ProblemsPage() {
    }

    /**
     * The page.
     *
     * @return the whole HTML document
     */
    static String html() {
        StringBuilder page = new StringBuilder(8_192);
        page.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Problem types - Channel policy decision service</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/playground.css">
                </head>
                <body>
                  <a href="#main" class="skip-link">Skip to main content</a>
                  <header class="site-header">
                    <div class="width-container">
                      <span class="site-header__title">Channel policy</span>
                      <nav aria-label="Pages">
                        <ul class="site-nav">
                          <li><a href="/">Playground</a></li>
                          <li><a href="/rules">Rule catalogue</a></li>
                        </ul>
                      </nav>
                    </div>
                  </header>
                  <div class="width-container">
                    <main id="main" tabindex="-1">
                      <h1>Problem types</h1>
                      <p class="lead">Every error this service answers is an RFC 9457 problem document
                        (<code>application/problem+json</code>). Its <code>type</code> is a link to one of the sections
                        below, for example <code>/problems#invalid-request</code>; compare types as strings. The
                        <code>status</code>, <code>title</code> and <code>detail</code> say what happened to this request,
                        and <code>instance</code> is the path it was sent to.</p>
                """);
        for (ProblemType type : ProblemType.values()) {
            page.append("      <section id=\"").append(type.anchor()).append("\">\n")
                    .append("        <h2>").append(escape(type.title())).append(" <code>").append(type.anchor()).append("</code></h2>\n")
                    .append("        <p>Status: ").append(type.status() == 0 ? "the one the web server chose" : type.status()).append("</p>\n")
                    .append("        <p>").append(escape(type.explanation())).append("</p>\n")
                    .append("      </section>\n");
        }
        page.append("""
                    </main>
                  </div>
                </body>
                </html>
                """);
        return page.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
