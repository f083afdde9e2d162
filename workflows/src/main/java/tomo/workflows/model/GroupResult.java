package tomo.workflows.model;

/** What a group workflow hands back to its sweep. */
public record GroupResult(String groupId, GroupTally tally) {}
