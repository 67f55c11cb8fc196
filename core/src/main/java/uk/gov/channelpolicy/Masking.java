package uk.gov.channelpolicy;

/** How personal data looks in any text this library produces for people or logs. */
final class Masking {
    private Masking() {
    }

    static String mask(String personalData) {
        return personalData == null ? "null" : "***";
    }
}
