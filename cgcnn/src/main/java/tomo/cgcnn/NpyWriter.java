package tomo.cgcnn;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes NumPy {@code .npy} files (format version 1.0, little-endian, C order) so Python tools can
 * read tomo's graphs with {@code numpy.load}.
 */
final class NpyWriter {
  private NpyWriter() {}

  static void int32(Path file, int[] values, long... shape) throws IOException {
    ByteBuffer b = buffer(values.length * 4L);
    b.asIntBuffer().put(values);
    write(file, "<i4", shape, b);
  }

  static void int64(Path file, long[] values, long... shape) throws IOException {
    ByteBuffer b = buffer(values.length * 8L);
    b.asLongBuffer().put(values);
    write(file, "<i8", shape, b);
  }

  static void float32(Path file, float[] values, long... shape) throws IOException {
    ByteBuffer b = buffer(values.length * 4L);
    b.asFloatBuffer().put(values);
    write(file, "<f4", shape, b);
  }

  static void float64(Path file, double[] values, long... shape) throws IOException {
    ByteBuffer b = buffer(values.length * 8L);
    b.asDoubleBuffer().put(values);
    write(file, "<f8", shape, b);
  }

  static void int8(Path file, byte[] values, long... shape) throws IOException {
    write(file, "|i1", shape, ByteBuffer.wrap(values));
  }

  private static ByteBuffer buffer(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void write(Path file, String descr, long[] shape, ByteBuffer data)
      throws IOException {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict =
        "{'descr': '%s', 'fortran_order': False, 'shape': %s, }".formatted(descr, shapeText);
    // magic (6) + version (2) + header length (2) + dict + padding + '\n', a multiple of 64
    int unpadded = 10 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(total - unpadded) + "\n";
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      int len = header.length();
      out.write(len & 0xff);
      out.write((len >> 8) & 0xff);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      out.write(data.array(), 0, data.limit());
    }
  }
}
