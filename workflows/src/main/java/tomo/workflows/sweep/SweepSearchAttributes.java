package tomo.workflows.sweep;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom search attributes tomo's workflows carry, so that the Temporal UI and {@code temporal
 * workflow list --query} find a sweep, a target's groups or the groups with failed cells. The
 * server must know them before a sweep starts: the dev server's {@code --search-attribute} flags
 * ({@link #devServerFlags()}), {@code temporal operator search-attribute create} on a real server,
 * or {@code SearchAttributeRegistration}, which {@code sweep start} runs.
 */
public final class SweepSearchAttributes {
  /** The sweep id, on the sweep and on every group workflow of it. */
  public static final SearchAttributeKey<String> SWEEP = SearchAttributeKey.forKeyword("TomoSweep");

  /** The target of a group workflow. */
  public static final SearchAttributeKey<String> TARGET =
      SearchAttributeKey.forKeyword("TomoTarget");

  /** The representation of a group workflow ({@code structure}, {@code composition}). */
  public static final SearchAttributeKey<String> REPRESENTATION =
      SearchAttributeKey.forKeyword("TomoRepresentation");

  /**
   * A sweep's status label ({@code running}, {@code waiting_for_retry}, …); a group's {@link
   * #GROUP_RUNNING}, {@link #GROUP_DONE} or {@link #GROUP_FAILED}.
   */
  public static final SearchAttributeKey<String> STATE = SearchAttributeKey.forKeyword("TomoState");

  /** Trainings that failed for good (until a retry) in this sweep, or in this group's round. */
  public static final SearchAttributeKey<Long> FAILED_CELLS =
      SearchAttributeKey.forLong("TomoFailedCells");

  /** Every attribute, in the order the documentation lists them. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(SWEEP, TARGET, REPRESENTATION, STATE, FAILED_CELLS);

  /** A group whose trainings are still running. */
  public static final String GROUP_RUNNING = "running";

  /** A group that ended with every training done. */
  public static final String GROUP_DONE = "done";

  /** A group that ended with failed trainings ({@link #FAILED_CELLS} says how many). */
  public static final String GROUP_FAILED = "failed";

  private SweepSearchAttributes() {}

  /** The type as the Temporal CLI spells it: {@code Keyword}, {@code Int}. */
  public static String typeName(SearchAttributeKey<?> key) {
    return typeName(key.getValueType());
  }

  static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> type.name();
    };
  }

  /** {@code --search-attribute TomoSweep=Keyword …} for {@code temporal server start-dev}. */
  public static List<String> devServerFlags() {
    List<String> flags = new ArrayList<>();
    for (SearchAttributeKey<?> key : ALL) {
      flags.add("--search-attribute");
      flags.add(key.getName() + "=" + typeName(key));
    }
    return flags;
  }

  /**
   * The command that registers them on a real server: {@code temporal operator search-attribute
   * create --name TomoSweep --type Keyword …}.
   */
  public static String createCommand() {
    StringBuilder command = new StringBuilder("temporal operator search-attribute create");
    for (SearchAttributeKey<?> key : ALL) {
      command.append(" --name ").append(key.getName()).append(" --type ").append(typeName(key));
    }
    return command.toString();
  }
}
