package uk.gov.channelpolicy.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.load.RuleInfo;

/**
 * {@code report.html}: the run for a compliance officer, in one self-contained page. No script, no font,
 * no image, nothing fetched: its Content-Security-Policy allows only its own inline style, so it reads the
 * same from a shared drive, an e-mail attachment or an archive years later.
 */
final class ReportPage {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;margin:0;background:#f3f2f1}
            main{max-width:1060px;margin:0 auto;padding:24px 28px 48px;background:#fff}
            h1{font-size:28px;margin:0 0 8px}h2{font-size:21px;margin:36px 0 10px;padding-top:10px;border-top:2px solid #b1b4b6}
            h3{font-size:16px;margin:18px 0 6px}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0 16px}dl.meta dt{font-weight:600}
            dl.meta dd{margin:0;overflow-wrap:anywhere}
            .verdict{padding:12px 16px;border-left:6px solid;margin:16px 0;font-weight:600}
            .ok{border-color:#00703c;background:#e8f5ee}.fail{border-color:#d4351c;background:#fcebe8}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:14px}
            th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #d8dadc}
            th{background:#f3f2f1;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .badge{display:inline-block;padding:1px 7px;border-radius:3px;font-size:12px;font-weight:700;color:#fff;letter-spacing:.02em}
            .PERMIT{background:#00703c}.DENY{background:#d4351c}.NOT_APPLICABLE{background:#505a5f}.INDETERMINATE{background:#6f3c00}
            .unclassified{background:#1d70b8}.invalid{background:#942514}
            .bar{height:10px;background:#d8dadc;border-radius:2px;min-width:120px}.bar span{display:block;height:10px;border-radius:2px}
            .item{border:1px solid #d8dadc;border-radius:4px;padding:10px 12px;margin:10px 0}
            .item .head{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline;font-size:13px;color:#505a5f}
            .item .head b{color:#0b0c0c}
            blockquote{margin:8px 0;padding:6px 10px;border-left:4px solid #b1b4b6;background:#f8f8f8;white-space:pre-wrap;overflow-wrap:anywhere}
            .quote{color:#505a5f;font-style:italic}ul.reasons{margin:6px 0 0;padding-left:20px}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
            .note{color:#505a5f;font-size:14px}details{margin:8px 0}summary{cursor:pointer;font-weight:600}
            a{color:#1d70b8}
            """;

    /** How many rows of a table of totals by account or actor the page shows, largest first. */
    static final int GROUP_ROWS = 50;

    private ReportPage() {
    }

    static String html(AuditReport report, ChannelPolicy policy) {
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Audit of ").append(escape(report.input())).append("</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        page.append("<h1>Social-media activity audit</h1>\n<dl class=\"meta\" id=\"run\">\n");
        meta(page, "Input", "<code>" + escape(report.input()) + "</code> (" + report.format().id() + ")");
        meta(page, "Rule set", escape(report.ruleSet().id()) + " " + escape(report.ruleSet().version()));
        meta(page, "Rule set digest", "<code>" + escape(report.ruleSet().digest()) + "</code>");
        meta(page, "Records read", number(report.records()));
        meta(page, "Staff ids", escape(report.staffIds()));
        meta(page, "Post texts", report.textMasked() ? "handles and e-mail addresses masked (--mask-text)"
                : "as exported: the department's own public posts");
        page.append("</dl>\n");
        String failure = report.failure();
        if (failure != null) {
            page.append("<p class=\"verdict fail\" id=\"verdict\">This run FAILED: ").append(escape(failure)).append(".</p>\n");
        } else {
            page.append("<p class=\"verdict ok\" id=\"verdict\">This run succeeded: ").append(percent(report.invalidFraction()))
                    .append(" of the records are invalid, within --max-invalid ").append(percent(report.maxInvalid())).append(".</p>\n");
        }

        page.append("<h2 id=\"outcomes\">Totals by outcome</h2>\n<p class=\"note\">Only PERMIT allows an action. DENY, NOT_APPLICABLE ")
                .append("(no rule speaks to it) and INDETERMINATE (a rule failed) are all \u201Cnot permitted\u201D.</p>\n");
        page.append("<table><thead><tr><th>Outcome</th><th class=\"n\">Records</th><th class=\"n\">Share</th><th></th></tr></thead><tbody>\n");
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            totals.put(outcome.name(), report.outcomes().get(outcome));
        }
        totals.put(AuditSchema.UNCLASSIFIED, report.unclassified());
        totals.put(AuditSchema.INVALID, report.invalid());
        totals.forEach((name, records) -> {
            double share = report.records() == 0 ? 0 : (double) records / report.records();
            page.append("<tr><td><span class=\"badge ").append(name).append("\">").append(name).append("</span></td><td class=\"n\">")
                    .append(number(records)).append("</td><td class=\"n\">").append(percent(share))
                    .append("</td><td><div class=\"bar\"><span class=\"").append(name).append("\" style=\"width:")
                    .append(String.format("%.1f", 100 * share)).append("%\"></span></div></td></tr>\n");
        });
        page.append("</tbody></table>\n<p class=\"note\">").append(number(report.machineClassified()))
                .append(" decided records were machine-classified (their categories came from the lexicon). ")
                .append(number(report.duplicates())).append(" of the invalid records repeat an earlier record's id.</p>\n");

        rules(page, report, policy);
        review(page, report);
        notApplicable(page, report);
        groups(page, "accounts", "Totals by account", List.of("Department", "Account"), report.tables().byAccount(), "by-account.csv");
        groups(page, "actors", "Totals by actor", List.of("Role", "Id (" + (report.staffIds().startsWith("masked") ? "masked" : "keyed hash") + ")"),
                report.tables().byActor(), "by-actor.csv");
        groups(page, "categories", "Where content categories came from", List.of("Source"), report.tables().byCategorySource(),
                "by-category-source.csv");
        page.append("<p class=\"note\"><b>stated</b>: the export said; <b>lexicon</b>: machine-classified from terms and hashtags in ")
                .append("the text; <b>account-default</b>: nothing matched, the accounts file gives the account's usual category. ")
                .append("The lexicon cannot see irony, images or video, a party's policy named without its name, a link to a party's ")
                .append("page, misspellings, other languages or hashtags nobody added to it: a post it does not match is not ")
                .append("thereby non-political.</p>\n");
        invalid(page, report);
        page.append("<h2 id=\"files\">Files</h2>\n<ul>\n")
                .append("<li><code>decisions/</code>: every decided record (Parquet)</li>\n")
                .append("<li><code>review/</code>, <code>tables/review-csv/</code>: every record needing a look (Parquet, CSV)</li>\n")
                .append("<li><code>invalid/</code>, <code>tables/invalid-csv/</code>: every record quarantined, with its problems</li>\n")
                .append("<li><code>tables/*.csv</code>: the tables of this page</li>\n<li><code>run.json</code>: the run's counts</li>\n")
                .append("</ul>\n</main>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void rules(StringBuilder page, AuditReport report, ChannelPolicy policy) {
        page.append("<h2 id=\"rules\">Totals by rule</h2>\n<p class=\"note\">Each rule with its effect, what it says and the guidance ")
                .append("it enforces. <b>Decided</b> counts the records whose outcome the rule gave. A PERMIT rule on a record that ")
                .append("a DENY rule decided was <b>overruled</b>: the record is not a breach of it.</p>\n");
        page.append("<table><thead><tr><th>Rule</th><th>Effect</th><th class=\"n\">Decided</th><th class=\"n\">Overruled</th>")
                .append("<th class=\"n\">Failed</th><th>The guidance</th></tr></thead><tbody>\n");
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> effects = new LinkedHashMap<>();
        for (AuditTables.RuleTotal total : report.tables().byRule()) {
            long[] count = counts.computeIfAbsent(total.rule(), rule -> new long[3]);
            effects.put(total.rule(), total.effect());
            String part = total.part();
            count[part.equals("decided") ? 0 : part.startsWith("failed") ? 2 : 1] += total.records();
        }
        counts.forEach((rule, count) -> {
            RuleInfo info = policy.ruleSet().rule(rule).orElse(null);
            String effect = effects.get(rule);
            page.append("<tr><td><code>").append(escape(rule)).append("</code><br>").append(info == null ? "" : escape(info.description()))
                    .append("</td><td><span class=\"badge ").append(escape(effect)).append("\">").append(escape(effect)).append("</span></td>")
                    .append("<td class=\"n\">").append(number(count[0])).append("</td><td class=\"n\">").append(number(count[1]))
                    .append("</td><td class=\"n\">").append(number(count[2])).append("</td><td>");
            if (info != null && info.citation() != null) {
                page.append("<span class=\"quote\">\u201C").append(escape(info.citation().quote())).append("\u201D</span><br>")
                        .append("<span class=\"note\">").append(escape(info.citation().section())).append("</span>");
            }
            page.append("</td></tr>\n");
        });
        page.append("</tbody></table>\n");
    }

    private static void review(StringBuilder page, AuditReport report) {
        List<AuditTables.ReviewItem> items = report.tables().review();
        long needing = report.notPermitted() + report.unclassified();
        page.append("<h2 id=\"review\">Records needing a human look</h2>\n<p class=\"note\">").append(number(needing))
                .append(" records: every decided record not permitted, and every record nothing classified. ");
        if (items.size() < needing) {
            page.append("The first ").append(number(items.size())).append(" are shown (failures first, then denials, unclassified ")
                    .append("and not applicable, each by time); <code>tables/review-csv/</code> holds them all.");
        }
        page.append("</p>\n");
        for (AuditTables.ReviewItem item : items) {
            String badge = item.outcome() == null ? item.status() : item.outcome();
            page.append("<div class=\"item\"><div class=\"head\"><span class=\"badge ").append(escape(badge)).append("\">").append(escape(badge))
                    .append("</span><b>").append(escape(item.recordId())).append("</b><span>").append(escape(item.time()))
                    .append("</span><span>").append(escape(item.account())).append("</span><span>").append(escape(item.actor()))
                    .append(" \u00B7 ").append(escape(item.action())).append("</span><span>").append(escape(item.content())).append("</span></div>\n");
            if (item.text() != null) {
                page.append("<blockquote>").append(escape(item.text())).append("</blockquote>\n");
            }
            if (item.link() != null) {
                String link = item.link();
                page.append(link.startsWith("https://") || link.startsWith("http://")
                        ? "<a href=\"" + escape(link) + "\" rel=\"noopener noreferrer\">" + escape(link) + "</a>\n"
                        : "<code>" + escape(link) + "</code>\n");
            }
            page.append("<ul class=\"reasons\">");
            item.reasons().forEach(reason -> page.append("<li>").append(escape(reason)).append("</li>"));
            page.append("</ul></div>\n");
        }
    }

    private static void notApplicable(StringBuilder page, AuditReport report) {
        page.append("<h2 id=\"not-applicable\">Not applicable, explained</h2>\n<p class=\"note\">")
                .append(number(report.outcomes().get(Outcome.NOT_APPLICABLE)))
                .append(" records were NOT_APPLICABLE. The commonest kinds, each explained as the rule set explains a decision: ")
                .append("whose work it is, and the nearest request a rule speaks to.</p>\n");
        for (AuditTables.NotApplicableGroup group : report.tables().notApplicable()) {
            page.append("<div class=\"item\"><div class=\"head\"><b>").append(escape(group.request())).append("</b><span>")
                    .append(number(group.records())).append(" records</span></div><ul class=\"reasons\">");
            group.explanation().forEach(line -> page.append("<li>").append(escape(line)).append("</li>"));
            page.append("</ul></div>\n");
        }
    }

    private static void groups(StringBuilder page, String id, String title, List<String> key, List<AuditTables.GroupTotal> totals,
            String csv) {
        page.append("<h2 id=\"").append(id).append("\">").append(escape(title)).append("</h2>\n");
        if (totals.size() > GROUP_ROWS) {
            page.append("<p class=\"note\">The ").append(GROUP_ROWS).append(" largest of ").append(number(totals.size()))
                    .append("; <code>tables/").append(csv).append("</code> holds them all.</p>\n");
        }
        page.append("<table><thead><tr>");
        key.forEach(column -> page.append("<th>").append(escape(column)).append("</th>"));
        ReportFiles.COUNTED.forEach(outcome -> page.append("<th class=\"n\">").append(outcome.replace('_', ' ')).append("</th>"));
        page.append("<th class=\"n\">Total</th></tr></thead><tbody>\n");
        for (AuditTables.GroupTotal total : totals.subList(0, Math.min(GROUP_ROWS, totals.size()))) {
            page.append("<tr>");
            total.key().forEach(value -> page.append("<td>").append(value == null ? "<span class=\"note\">(none)</span>" : escape(value)).append("</td>"));
            ReportFiles.COUNTED.forEach(outcome -> page.append("<td class=\"n\">").append(number(total.count(outcome))).append("</td>"));
            page.append("<td class=\"n\">").append(number(total.total())).append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    private static void invalid(StringBuilder page, AuditReport report) {
        page.append("<h2 id=\"invalid\">Invalid records</h2>\n<p class=\"note\">").append(number(report.invalid()))
                .append(" records were quarantined, not decided: unreadable, impossible, or a repeat of an earlier record's id.</p>\n");
        page.append("<table><thead><tr><th>Where</th><th class=\"n\">Records</th><th>For example</th></tr></thead><tbody>\n");
        for (AuditTables.ProblemTotal problem : report.tables().invalidProblems()) {
            page.append("<tr><td><code>").append(escape(problem.path())).append("</code></td><td class=\"n\">").append(number(problem.records()))
                    .append("</td><td>").append(escape(problem.example())).append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
        if (!report.tables().invalid().isEmpty()) {
            page.append("<details><summary>The first ").append(number(report.tables().invalid().size())).append(" invalid records</summary>\n")
                    .append("<table><thead><tr><th>File</th><th class=\"n\">At</th><th>Record id</th><th>Problems</th></tr></thead><tbody>\n");
            for (AuditTables.InvalidItem item : report.tables().invalid()) {
                page.append("<tr><td><code>").append(escape(item.file())).append("</code></td><td class=\"n\">").append(item.offset())
                        .append("</td><td>").append(item.recordId() == null ? "<span class=\"note\">(unreadable)</span>" : escape(item.recordId()))
                        .append("</td><td>");
                item.problems().forEach(problem -> page.append(escape(problem)).append("<br>"));
                page.append("</td></tr>\n");
            }
            page.append("</tbody></table></details>\n");
        }
    }

    private static void meta(StringBuilder page, String term, String html) {
        page.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static String number(long value) {
        return String.format("%,d", value);
    }

    private static String percent(double fraction) {
        return String.format("%.2f%%", 100 * fraction);
    }

    /** Text as HTML: the five characters that could start markup or end an attribute are escaped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
