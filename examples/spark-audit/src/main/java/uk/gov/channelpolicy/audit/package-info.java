/**
 * Audit at scale: checks an archive of social-media activity against a rule set, record for record,
 * on Apache Spark.
 *
 * <p>{@link uk.gov.channelpolicy.audit.AuditJob} is the program; {@link uk.gov.channelpolicy.audit.ArchiveAudit}
 * is the job; {@link uk.gov.channelpolicy.audit.PartitionAuditor} is what each task runs, with the
 * policy {@link uk.gov.channelpolicy.audit.ExecutorPolicies} builds once per executor JVM from a
 * {@link uk.gov.channelpolicy.load.RuleSource}; {@link uk.gov.channelpolicy.audit.RecordParser}
 * reads a line into an {@link uk.gov.channelpolicy.audit.ActivityRecord} or an
 * {@link uk.gov.channelpolicy.audit.InvalidRecord}. {@link uk.gov.channelpolicy.audit.ArchiveGenerator}
 * makes synthetic archives and {@link uk.gov.channelpolicy.audit.LoopBaseline} measures the library
 * without Spark. See {@code docs/audit.md}.
 */
package uk.gov.channelpolicy.audit;

import uk.gov.channelpolicy.load.RuleSource;

