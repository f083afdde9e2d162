package tomo.activities.report;

import java.util.function.Function;

/**
 * One column of Table 1 in the HTML report: its header and how a row fills it (HTML, already
 * escaped). The table is drawn from a list of these, so a new criterion or statistic is one more
 * entry.
 */
record Table1Column(String header, Function<Table1Row, String> html) {}
