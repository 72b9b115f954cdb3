package dev.kirogateway.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the accounts file (ACCOUNTS_CONFIG_FILE). Pure: bytes in, specs or a clear error out. */
final class AccountsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The single-account keys an entry may set. */
  static final Set<String> ACCOUNT_KEYS =
      Set.of(
          "KIRO_CLI_DB_FILE",
          "KIRO_CREDS_FILE",
          "REFRESH_TOKEN",
          "PROFILE_ARN",
          "KIRO_REGION",
          "KIRO_API_REGION",
          "KIRO_PROFILE_ARN_MODE",
          "SQLITE_READONLY",
          "KIRO_CREDS_READONLY");

  private AccountsFile() {}

  /**
   * The accounts in file order.
   *
   * @param where the file name, for messages
   * @throws ConfigException naming the entry and key at fault (never a value: it may be a secret)
   */
  static List<AccountSpec> parse(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ConfigException(where + " is not valid JSON: expected a list of account objects");
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new ConfigException(
          where
              + " must hold a non-empty JSON list of accounts, e.g. "
              + "[{\"name\":\"work\",\"KIRO_CLI_DB_FILE\":\"~/.local/share/kiro-cli/data.sqlite3\"}]");
    }
    List<AccountSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      AccountSpec spec = entry(root.get(i), where + " entry " + (i + 1));
      if (!names.add(spec.name())) {
        throw new ConfigException(where + ": the account name '" + spec.name() + "' is used twice");
      }
      specs.add(spec);
    }
    return specs;
  }

  private static AccountSpec entry(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new ConfigException(where + " is not a JSON object");
    }
    JsonNode nameNode = node.get("name");
    if (nameNode == null || !nameNode.isTextual() || !NAME.matcher(nameNode.asText()).matches()) {
      throw new ConfigException(where + " needs a \"name\": 1-64 letters, digits, '.', '_' or '-'");
    }
    String name = nameNode.asText();
    String at = where + " ('" + name + "')";
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> models = List.of();
    int maxConcurrent = 0;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "name" -> {}
        case "models" -> models = models(value, at);
        case "max_concurrent" -> maxConcurrent = positiveInt(value, at);
        default -> {
          if (!ACCOUNT_KEYS.contains(key)) {
            throw new ConfigException(
                at
                    + ": unknown key \""
                    + key
                    + "\"; allowed: name, models, max_concurrent, "
                    + String.join(", ", ACCOUNT_KEYS.stream().sorted().toList()));
          }
          if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
            throw new ConfigException(at + ": \"" + key + "\" must be a string");
          }
          if (!value.asText().isBlank()) {
            keys.put(key, value.asText().strip());
          }
        }
      }
    }
    if (AccountSpec.SOURCE_KEYS.subList(0, 3).stream().noneMatch(keys::containsKey)) {
      throw new ConfigException(
          at + " needs a login: one of KIRO_CLI_DB_FILE, KIRO_CREDS_FILE or REFRESH_TOKEN");
    }
    return new AccountSpec(name, keys, models, maxConcurrent);
  }

  private static List<String> models(JsonNode value, String at) {
    List<String> out = new ArrayList<>();
    if (value.isTextual()) {
      for (String m : value.asText().split(",")) {
        if (!m.isBlank()) {
          out.add(m.strip());
        }
      }
    } else if (value.isArray()) {
      for (JsonNode m : value) {
        if (!m.isTextual() || m.asText().isBlank()) {
          throw new ConfigException(at + ": \"models\" must list model names as strings");
        }
        out.add(m.asText().strip());
      }
    } else {
      throw new ConfigException(at + ": \"models\" must be a list of model names");
    }
    if (out.isEmpty()) {
      throw new ConfigException(at + ": \"models\" is empty; leave it out to allow every model");
    }
    return out;
  }

  private static int positiveInt(JsonNode value, String at) {
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new ConfigException(at + ": \"max_concurrent\" must be a whole number >= 1");
    }
    return value.asInt();
  }
}
