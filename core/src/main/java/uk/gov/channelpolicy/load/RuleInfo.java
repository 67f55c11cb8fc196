package uk.gov.channelpolicy.load;

import java.util.Objects;
import uk.gov.channelpolicy.Citation;

/**
 * A rule as its metadata describes it: what a catalogue lists and what a reason cites.
 *
 * @param id the stable id from {@code @id}, e.g. {@code dh.partisan.no-civil-service-resources}
 * @param description the one-line description from {@code @description}; reasons use it as their message
 * @param citation the section ({@code @citation}) and verbatim quote ({@code @quote}) it enforces
 * @param interpretation how the rule reads guidance that is silent or ambiguous, from
 *     {@code @interpretation("...")}; {@code null} when the rule enforces what the quote says outright
 * @param packageName the DRL package the rule is in
 * @param name the rule's name in its DRL file
 */
public record RuleInfo(String id, String description, Citation citation, String interpretation, String packageName, String name) {

    /**
     * Checks that every part is given.
     *
     * @param id the stable id from {@code @id}, e.g. {@code dh.partisan.no-civil-service-resources}
     * @param description the one-line description from {@code @description}; reasons use it as their message
     * @param citation the section ({@code @citation}) and verbatim quote ({@code @quote}) it enforces
     * @param interpretation how the rule reads silent or ambiguous guidance, or {@code null}
     * @param packageName the DRL package the rule is in
     * @param name the rule's name in its DRL file
     */
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Whether the rule is a reading of guidance that is silent or ambiguous.
     *
     * @return true when the rule has an {@code @interpretation}
     */
    public boolean isInterpretation() {
        return interpretation != null;
    }
}
