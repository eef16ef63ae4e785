package dev.whence.topology.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, read with Jackson's streaming parser. */
sealed interface YamlNode {

  /** 1-based line of the value. */
  int line();

  /** A mapping; keys keep their order and their own lines. */
  record Mapping(int line, Map<String, YamlNode> values, Map<String, Integer> keyLines)
      implements YamlNode {}

  /** A sequence. */
  record Sequence(int line, List<YamlNode> items) implements YamlNode {}

  /** A scalar; {@code text} is null for a YAML null. */
  record Scalar(int line, String text, boolean quoted) implements YamlNode {}

  /** Thrown for YAML that is not well formed, or a key given twice. */
  final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** Reads one YAML document; null when it is empty. */
  static YamlNode read(YAMLFactory factory, String text) throws SyntaxException {
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      YamlNode node = value(p);
      return node;
    } catch (IOException e) {
      int line =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  && j.getLocation() != null
              ? j.getLocation().getLineNr()
              : 0;
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      int cut = message.indexOf("\n at [Source");
      throw new SyntaxException(line, (cut > 0 ? message.substring(0, cut) : message).strip());
    }
  }

  private static YamlNode value(JsonParser p) throws IOException, SyntaxException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, YamlNode> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          YamlNode v = value(p);
          if (values.put(key, v) != null) {
            throw new SyntaxException(keyLine, "key '" + key + "' appears twice");
          }
          lines.put(key, keyLine);
        }
        return new Mapping(line, values, lines);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        return new Sequence(line, items);
      }
      case VALUE_NULL -> {
        return new Scalar(line, null, false);
      }
      default -> {
        return new Scalar(line, p.getText(), t == JsonToken.VALUE_STRING);
      }
    }
  }
}
