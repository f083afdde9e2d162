package tomo.materials.cif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CIF 1.1 syntax: comments, {@code data_} blocks, {@code loop_}s, single- and double-quoted strings
 * (closed only by a quote followed by white space), {@code ;} text fields, and save frames
 * (skipped: they hold dictionary definitions, not structure data).
 */
final class CifSyntax {
  private enum Kind {
    TAG,
    VALUE,
    DATA,
    LOOP,
    SAVE,
    END
  }

  private record Token(Kind kind, String text, int line, boolean quoted) {}

  private final String text;
  private final String source;
  private int pos;
  private int line = 1;
  private Token peeked;

  private CifSyntax(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** The data blocks of {@code text}, in order. */
  static List<CifBlock> parse(String text, String source) {
    return new CifSyntax(text, source).blocks();
  }

  private List<CifBlock> blocks() {
    List<CifBlock> blocks = new ArrayList<>();
    CifBlock block = null;
    for (Token t = next(); t.kind() != Kind.END; t = next()) {
      switch (t.kind()) {
        case DATA -> {
          block = new CifBlock(t.text().substring(5), t.line());
          blocks.add(block);
        }
        case SAVE -> skipSaveFrame(t);
        case TAG -> {
          requireBlock(block, t);
          Token value = next();
          if (value.kind() != Kind.VALUE) {
            throw error(t.line(), t.text(), "has no value");
          }
          if (!block.putItem(t.text(), new CifValue(value.text(), value.line(), value.quoted()))) {
            throw error(t.line(), t.text(), "appears twice in data_" + block.name());
          }
        }
        case LOOP -> {
          requireBlock(block, t);
          block.addLoop(loop(t, block));
        }
        case VALUE ->
            throw error(
                t.line(),
                null,
                "value '%s' is not preceded by a tag (a stray value or an unquoted string with"
                        .formatted(abbreviate(t.text()))
                    + " spaces?)");
        default -> throw new IllegalStateException(t.toString());
      }
    }
    if (blocks.isEmpty()) {
      throw error(0, null, "no data_ block found (is this a CIF?)");
    }
    return blocks;
  }

  private CifBlock.Loop loop(Token loopToken, CifBlock block) {
    List<String> tags = new ArrayList<>();
    while (peek().kind() == Kind.TAG) {
      Token tag = next();
      if (block.has(tag.text()) || tags.contains(tag.text().toLowerCase(Locale.ROOT))) {
        throw error(tag.line(), tag.text(), "appears twice in data_" + block.name());
      }
      tags.add(tag.text().toLowerCase(Locale.ROOT));
    }
    if (tags.isEmpty()) {
      throw error(loopToken.line(), null, "loop_ without any tag");
    }
    CifBlock.Loop loop = new CifBlock.Loop(tags, loopToken.line());
    List<CifValue> values = new ArrayList<>();
    while (peek().kind() == Kind.VALUE) {
      Token v = next();
      values.add(new CifValue(v.text(), v.line(), v.quoted()));
    }
    if (values.size() % tags.size() != 0) {
      throw error(
          loopToken.line(),
          tags.get(0),
          "loop_ has %d columns but %d values, not a whole number of rows (a quoted value"
                  .formatted(tags.size(), values.size())
              + " missing its closing quote, or a value missing?)");
    }
    for (int i = 0; i < values.size(); i += tags.size()) {
      loop.addRow(values.subList(i, i + tags.size()).toArray(CifValue[]::new));
    }
    return loop;
  }

  private void skipSaveFrame(Token start) {
    if (start.text().length() == 5) {
      throw error(start.line(), null, "save_ closes a save frame that was never opened");
    }
    for (Token t = next(); ; t = next()) {
      if (t.kind() == Kind.END) {
        throw error(start.line(), null, "save frame " + start.text() + " is never closed");
      }
      if (t.kind() == Kind.SAVE && t.text().length() == 5) {
        return;
      }
    }
  }

  private void requireBlock(CifBlock block, Token t) {
    if (block == null) {
      throw error(t.line(), t.text(), "appears before any data_ block");
    }
  }

  private Token peek() {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  private Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  private Token read() {
    skipWhitespaceAndComments();
    if (pos >= text.length()) {
      return new Token(Kind.END, "", line, false);
    }
    char c = text.charAt(pos);
    int startLine = line;
    if (c == ';' && atLineStart(pos)) {
      return textField(startLine);
    }
    if (c == '\'' || c == '"') {
      return quoted(c, startLine);
    }
    int start = pos;
    while (pos < text.length() && !isWhitespace(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    String lower = word.toLowerCase(Locale.ROOT);
    if (c == '_') {
      return new Token(Kind.TAG, word, startLine, false);
    }
    if (lower.startsWith("data_")) {
      if (word.length() == 5) {
        throw error(startLine, null, "data_ block without a name");
      }
      return new Token(Kind.DATA, word, startLine, false);
    }
    if (lower.equals("loop_")) {
      return new Token(Kind.LOOP, word, startLine, false);
    }
    if (lower.startsWith("save_")) {
      return new Token(Kind.SAVE, word, startLine, false);
    }
    if (lower.equals("global_") || lower.equals("stop_")) {
      throw error(startLine, null, "reserved word " + word + " is not allowed in CIF 1.1");
    }
    return new Token(Kind.VALUE, word, startLine, false);
  }

  private Token textField(int startLine) {
    // the value runs from after the opening ';' to the line break before a ';' that starts a line
    int start = pos + 1;
    int i = start;
    while (true) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        throw error(startLine, null, "text field opened with ';' is never closed");
      }
      line++;
      if (nl + 1 < text.length() && text.charAt(nl + 1) == ';') {
        int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        pos = nl + 2;
        return new Token(Kind.VALUE, text.substring(start, end), startLine, true);
      }
      i = nl + 1;
    }
  }

  private Token quoted(char quote, int startLine) {
    int start = pos + 1;
    int i = start;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '\n' || ch == '\r') {
        break;
      }
      if (ch == quote && (i + 1 >= text.length() || isWhitespace(text.charAt(i + 1)))) {
        pos = i + 1;
        return new Token(Kind.VALUE, text.substring(start, i), startLine, true);
      }
      i++;
    }
    throw error(
        startLine,
        null,
        "quoted string %s… has no closing %s on its line"
            .formatted(abbreviate(text.substring(pos, i)), quote));
  }

  private void skipWhitespaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private boolean atLineStart(int i) {
    return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static String abbreviate(String s) {
    return s.length() <= 30 ? s : s.substring(0, 30) + "…";
  }

  private CifException error(int atLine, String field, String reason) {
    return new CifException(source, atLine, field, reason);
  }
}
