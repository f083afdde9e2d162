package tomo.workflows.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import tomo.hyper.HyperParameters;

/** Reads a {@link SweepSpec} from YAML or JSON text (JSON is YAML, so one parser reads both). */
public final class SweepSpecParser {
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // seeds: [1.5] must not silently run seed 1, nor epochs: 2.5 two epochs
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private SweepSpecParser() {}

  /**
   * Parses and normalizes a spec.
   *
   * @param text YAML or JSON
   * @param source file name used in error messages
   * @throws SweepSpecException naming source, line and field
   */
  public static SweepSpec parse(String text, String source) {
    SweepSpec.Builder raw;
    try {
      // the file's fields are the builder's: a field it does not know is refused by name
      raw = YAML.readValue(text, SweepSpec.Builder.class);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      throw new SweepSpecException(
          source + ": unknown field '" + path(e) + "' (known: " + known + ")", e);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof IllegalArgumentException named) {
        // a name the model's enums do not know (a representation, an optimizer): their words
        throw new SweepSpecException(
            source + ": field '" + path(e) + "': " + named.getMessage(), e);
      }
      throw new SweepSpecException(
          source + line(e.getLocation()) + ": field '" + path(e) + "': " + e.getOriginalMessage(),
          e);
    } catch (JsonMappingException e) {
      throw new SweepSpecException(
          source + line(e.getLocation()) + ": field '" + path(e) + "': " + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new SweepSpecException(
          source + line(e.getLocation()) + ": not valid YAML/JSON: " + e.getOriginalMessage(), e);
    }
    if (raw == null) {
      throw new SweepSpecException(source + ": empty sweep spec");
    }
    return withProtocolValues(raw, text).normalized(source);
  }

  /**
   * {@code raw} with the hyper-parameters its file leaves out set by its protocol (a field given as
   * {@code null} counts as left out, as everywhere in a spec).
   */
  private static SweepSpec.Builder withProtocolValues(SweepSpec.Builder raw, String text) {
    Set<String> given = new HashSet<>();
    try {
      YAML.readTree(text)
          .path("hyper")
          .fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  given.add(f.getKey());
                }
              });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec read once no longer parses", e);
    }
    HyperParameters parsed = raw.hyper() == null ? HyperParameters.defaults() : raw.hyper();
    return raw.hyper(raw.protocolOrDefault().fillAbsent(parsed, given));
  }

  private static String line(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
