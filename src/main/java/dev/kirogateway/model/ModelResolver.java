package dev.kirogateway.model;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a client's model name into the Kiro {@code modelId} (KIRO-UPSTREAM.md §10.1). */
public final class ModelResolver {
  private static final String F = "(haiku|sonnet|opus)";
  private static final String S = "(?:-\\d{8}|-latest)?";
  private static final Pattern HINT = Pattern.compile("\\[[^\\[\\]]*]$");
  private static final Pattern FAMILY_MAJOR_MINOR =
      Pattern.compile("claude-" + F + "-(\\d+)-(\\d{1,2})" + S);
  private static final Pattern FAMILY_MAJOR = Pattern.compile("claude-" + F + "-(\\d+)" + S);
  private static final Pattern FAMILY_DOTTED =
      Pattern.compile("claude-" + F + "-(\\d+)\\.(\\d+)" + S);
  private static final Pattern VERSION_FIRST =
      Pattern.compile("claude-(\\d+)-(\\d{1,2})-" + F + S);
  // Cursor's inverted names such as claude-4.5-opus-high: any -word variants after the family.
  private static final Pattern INVERTED =
      Pattern.compile("claude-(\\d+)(?:\\.(\\d+))?-" + F + "(?:-[a-z0-9]+)*");

  private final Map<String, String> aliases;

  /** {@code aliases} maps lower-case alias names to model ids. */
  public ModelResolver(Map<String, String> aliases) {
    this.aliases = Map.copyOf(aliases);
  }

  public static ModelResolver from(ModelSettings settings) {
    return new ModelResolver(settings.aliases());
  }

  /** The model id to send upstream; unknown names pass through lower-cased. */
  public String resolve(String clientModel) {
    String name = clientModel.strip();
    name = HINT.matcher(name).replaceFirst("").strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("anthropic/")) {
      name = name.substring("anthropic/".length());
    }
    String alias = aliases.get(name);
    return alias != null ? alias : byPattern(name);
  }

  private static String byPattern(String name) {
    Matcher m;
    if ((m = FAMILY_MAJOR_MINOR.matcher(name)).matches()
        || (m = FAMILY_DOTTED.matcher(name)).matches()) {
      return "claude-" + m.group(1) + "-" + m.group(2) + "." + m.group(3);
    }
    if ((m = FAMILY_MAJOR.matcher(name)).matches()) {
      return "claude-" + m.group(1) + "-" + m.group(2);
    }
    if ((m = VERSION_FIRST.matcher(name)).matches()) {
      return versionFirst(m.group(1), m.group(2), m.group(3));
    }
    if ((m = INVERTED.matcher(name)).matches()) {
      return versionFirst(m.group(1), m.group(2), m.group(3));
    }
    return name;
  }

  // Claude 3.x ids keep the version first (claude-3.7-sonnet); 4 and later put the family first.
  private static String versionFirst(String major, String minor, String family) {
    String version = minor == null ? major : major + "." + minor;
    return major.length() < 9 && Integer.parseInt(major) <= 3
        ? "claude-" + version + "-" + family
        : "claude-" + family + "-" + version;
  }
}
