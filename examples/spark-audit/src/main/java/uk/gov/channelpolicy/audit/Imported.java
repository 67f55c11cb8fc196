package uk.gov.channelpolicy.audit;

/**
 * What an importer reads from an export: a post ({@link ExportRecord}), or an {@link InvalidRecord} for
 * what cannot be read as one.
 */
public sealed interface Imported permits ExportRecord, InvalidRecord {
}
