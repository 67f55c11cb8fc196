package uk.gov.channelpolicy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the "did you mean" for a value that is nearly, but not exactly, one of the allowed ones.
 */
final class NearMiss {
    private NearMiss() {
    }

    /**
     * The candidate nearest to a value, if it is a near miss: few edits apart ignoring case
     * (transposed letters count as one edit), the only candidate containing the value, or the only one starting with its first four letters.
     *
     * @param value the value given
     * @param candidates the allowed values
     * @return the suggestion, or empty when nothing is near
     */
    public static Optional<String> nearest(String value, Collection<String> candidates) {
        String wanted = value.toLowerCase(Locale.ROOT).strip();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, wanted.length() / 4)) {
            return Optional.of(best);
        }
        if (wanted.length() >= 3) {
            List<String> containing = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).contains(wanted)).toList();
            if (containing.size() == 1) {
                return Optional.of(containing.get(0));
            }
        }
        if (wanted.length() >= 4) {
            // An abbreviation such as "comms" shares its start with the id it stands for.
            String start = wanted.substring(0, 4);
            List<String> abbreviated = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(start)).toList();
            if (abbreviated.size() == 1) {
                return Optional.of(abbreviated.get(0));
            }
        }
        return Optional.empty();
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
