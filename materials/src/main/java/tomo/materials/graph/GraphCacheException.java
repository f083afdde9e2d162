package tomo.materials.graph;

/** A graph cache file cannot be read (not a cache, other version, truncated, corrupt) or built. */
public final class GraphCacheException extends RuntimeException {
  public GraphCacheException(String message) {
    super(message);
  }

  public GraphCacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
