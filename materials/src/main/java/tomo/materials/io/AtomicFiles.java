package tomo.materials.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Writes files and directories so that a reader sees either the old content or the complete new
 * content, never a half-written one: the content goes to a temporary sibling in the same directory,
 * which is then renamed into place. A crash or error part-way leaves the target as it was.
 *
 * <p>Files written by {@link #write(Path, Content)} are also durable when the call returns: the
 * content is flushed to the device before the rename and the directory entry after it, so that a
 * node that loses power right after a training was stored does not come back with an empty or
 * missing file (a rename alone orders nothing on file systems such as XFS).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes content into a path that does not exist yet (a file) or an empty directory. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path temp) throws IOException;
  }

  /** Writes {@code bytes} as the new content of {@code file}, creating its directory if needed. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, temp -> Files.write(temp, bytes));
  }

  /**
   * Lets {@code content} write a temporary sibling of {@code file} (hidden, owner-only permissions
   * from {@link Files#createTempFile}), then moves it onto {@code file}, replacing what was there.
   * The temporary file is removed when anything fails.
   */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      content.writeTo(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      moveIntoPlace(temp, file);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Moves a finished file onto {@code target} in the same directory, replacing it: atomically where
   * the file system can, else by a plain replacing move.
   */
  public static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Flushes a directory's entries to the device where the platform allows opening a directory
   * (Linux and macOS do; elsewhere the rename's own guarantees are all there is).
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Not every platform opens directories; the file itself is already on the device.
    }
  }

  /**
   * Lets {@code content} fill a new hidden sibling directory of {@code dir} (named {@code
   * .NAME.partial-UUID}), then renames it to {@code dir}, first deleting a {@code dir} that exists.
   * The partial directory is deleted when anything fails. The rename is atomic or fails: there is
   * no fallback for directories.
   */
  public static void writeDirectory(Path dir, Content content) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Not Files.createTempDirectory: its owner-only permissions would stay with the result.
    Path partial =
        Files.createDirectory(
            parent.resolve("." + dir.getFileName() + ".partial-" + UUID.randomUUID()));
    try {
      content.writeTo(partial);
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Deletes {@code root} and everything below it; nothing when it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
