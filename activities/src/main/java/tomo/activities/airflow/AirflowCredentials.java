package tomo.activities.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A user name and password for Airflow's REST API. The password never appears in {@link
 * #toString()}, so logging a configuration cannot leak it.
 *
 * @param username the Airflow user
 * @param password the user's password (secret)
 */
public record AirflowCredentials(String username, String password) {
  /** Environment variable naming the Airflow user. */
  public static final String ENV_USERNAME = "TOMO_AIRFLOW_USERNAME";

  /** Environment variable holding the password. */
  public static final String ENV_PASSWORD = "TOMO_AIRFLOW_PASSWORD";

  /** Environment variable naming a credentials file, used when no password variable is set. */
  public static final String ENV_CREDENTIALS_FILE = "TOMO_AIRFLOW_CREDENTIALS_FILE";

  public AirflowCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("Airflow user name is blank");
    }
  }

  /**
   * Credentials from environment variables: {@value #ENV_USERNAME} with {@value #ENV_PASSWORD}, or
   * else a file named by {@value #ENV_CREDENTIALS_FILE} (see {@link #fromFile(Path)}).
   */
  public static AirflowCredentials fromEnvironment(Map<String, String> env) {
    String password = env.get(ENV_PASSWORD);
    String username = env.get(ENV_USERNAME);
    if (password != null && !password.isEmpty()) {
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException(
            ENV_PASSWORD + " is set but " + ENV_USERNAME + " is not");
      }
      return new AirflowCredentials(username, password);
    }
    String file = env.get(ENV_CREDENTIALS_FILE);
    if (file != null && !file.isBlank()) {
      // an explicit user name picks one entry of a multi-user passwords file
      return username == null || username.isBlank()
          ? fromFile(Path.of(file))
          : fromFile(Path.of(file), username);
    }
    throw new IllegalArgumentException(
        "no Airflow credentials: set "
            + ENV_USERNAME
            + " and "
            + ENV_PASSWORD
            + ", or "
            + ENV_CREDENTIALS_FILE);
  }

  /**
   * Credentials from a JSON file, either {@code {"username": "u", "password": "p"}} or Airflow's
   * own simple-auth-manager passwords file {@code {"u": "p"}} with exactly one user.
   */
  public static AirflowCredentials fromFile(Path file) {
    JsonNode root = readJson(file);
    if (root.has("username") && root.has("password")) {
      return new AirflowCredentials(text(root, "username", file), text(root, "password", file));
    }
    if (root.size() != 1) {
      throw new IllegalArgumentException(
          file
              + ": expected {\"username\": …, \"password\": …} or a passwords file with one user,"
              + " found "
              + root.size()
              + " entries (name the user with "
              + ENV_USERNAME
              + ")");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    Map.Entry<String, JsonNode> only = fields.next();
    return new AirflowCredentials(only.getKey(), text(root, only.getKey(), file));
  }

  /** The password of {@code username} in a JSON file of {@code {"user": "password", …}}. */
  public static AirflowCredentials fromFile(Path file, String username) {
    JsonNode root = readJson(file);
    if (root.has("username") && root.has("password")) {
      AirflowCredentials c = fromFile(file);
      if (!c.username().equals(username)) {
        throw new IllegalArgumentException(
            file + ": holds credentials of user '" + c.username() + "', not '" + username + "'");
      }
      return c;
    }
    if (!root.has(username)) {
      throw new IllegalArgumentException(file + ": no password for user '" + username + "'");
    }
    return new AirflowCredentials(username, text(root, username, file));
  }

  private static JsonNode readJson(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + ": expected a JSON object");
      }
      return root;
    } catch (IOException e) {
      // the parser's message may quote file content, i.e. the password: keep only its kind
      throw new IllegalArgumentException(
          file + ": cannot read Airflow credentials (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String text(JsonNode root, String field, Path file) {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a string");
    }
    return n.asText();
  }

  @Override
  public String toString() {
    return "AirflowCredentials[username=" + username + ", password=***]";
  }
}
