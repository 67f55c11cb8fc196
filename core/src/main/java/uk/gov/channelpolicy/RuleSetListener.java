package uk.gov.channelpolicy;

/**
 * Hears about reloads of a watched rule-set directory. Called on the watcher's thread; keep it quick.
 */
public interface RuleSetListener {

    /**
     * A new version of the rule set compiled and is now serving: every evaluation that starts after
     * this call uses it.
     *
     * @param previous the version that served until now
     * @param current the version serving from now on
     */
    void loaded(RuleSetIdentity previous, RuleSetIdentity current);

    /**
     * An edit broke the rule set; the last good version keeps serving.
     *
     * @param serving the version still serving
     * @param problems why the edited rule set was refused, with files and lines
     */
    void rejected(RuleSetIdentity serving, RuleSetException problems);
}
