/**
 * The audit: checks a department's social-media activity against a rule set, record for record, on
 * Apache Spark, and writes a report a person reads.
 *
 * <p>{@link uk.gov.channelpolicy.audit.AuditJob} is the program and {@link uk.gov.channelpolicy.audit.ArchiveAudit}
 * the job, configured by {@link uk.gov.channelpolicy.audit.AuditSettings}. What it reads: activity records
 * ({@link uk.gov.channelpolicy.audit.RecordParser}), a Twitter/X archive ({@link uk.gov.channelpolicy.audit.TweetArchive}),
 * or a CSV or Parquet export ({@link uk.gov.channelpolicy.audit.TableExport}); an export's posts become
 * requests through the department's {@link uk.gov.channelpolicy.audit.AccountBook} and the
 * {@link uk.gov.channelpolicy.audit.Lexicon} ({@link uk.gov.channelpolicy.audit.ExportMapper}). Each record is an
 * {@link uk.gov.channelpolicy.audit.ActivityRecord} to decide, an {@link uk.gov.channelpolicy.audit.UnclassifiedRecord}
 * for a person, or an {@link uk.gov.channelpolicy.audit.InvalidRecord}. {@link uk.gov.channelpolicy.audit.PartitionAuditor}
 * is what each task runs, with the policy {@link uk.gov.channelpolicy.audit.ExecutorPolicies} builds once per
 * executor JVM from a {@link uk.gov.channelpolicy.audit.RuleSource}. What a run did is an
 * {@link uk.gov.channelpolicy.audit.AuditReport} with its {@link uk.gov.channelpolicy.audit.AuditTables}.
 * {@link uk.gov.channelpolicy.audit.ArchiveGenerator} makes synthetic archives and
 * {@link uk.gov.channelpolicy.audit.LoopBaseline} measures the library without Spark. See {@code docs/audit.md}.
 */
package uk.gov.channelpolicy.audit;
