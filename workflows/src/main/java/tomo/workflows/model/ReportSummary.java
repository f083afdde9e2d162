package tomo.workflows.model;

import java.util.List;

/**
 * Files of a sweep's report.
 *
 * @param dir the report directory
 * @param outcomes trainings found in the artifact store
 * @param missing trainings of the spec without a result
 * @param files every file written
 */
public record ReportSummary(String dir, int outcomes, int missing, List<String> files) {}
