package dev.kirogateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AccountsFileTest {

  private static List<AccountSpec> parse(String json) {
    return AccountsFile.parse(json.getBytes(StandardCharsets.UTF_8), "accounts.json");
  }

  @Test
  void readsAccountsInFileOrderWithTheirKeysModelsAndLimits() {
    List<AccountSpec> specs =
        parse(
            """
            [{"name":"work","KIRO_CLI_DB_FILE":"~/db.sqlite3","KIRO_API_REGION":"eu-central-1",
              "models":["claude-sonnet-4.5","claude-haiku-4.5"],"max_concurrent":2},
             {"name":"spare","REFRESH_TOKEN":"aorSecret","PROFILE_ARN":"arn:x","models":"a, b"}]
            """);
    assertThat(specs).extracting(AccountSpec::name).containsExactly("work", "spare");
    assertThat(specs.get(0).keys())
        .containsEntry("KIRO_CLI_DB_FILE", "~/db.sqlite3")
        .containsEntry("KIRO_API_REGION", "eu-central-1");
    assertThat(specs.get(0).models()).containsExactly("claude-sonnet-4.5", "claude-haiku-4.5");
    assertThat(specs.get(0).maxConcurrent()).isEqualTo(2);
    assertThat(specs.get(1).models()).containsExactly("a", "b");
    assertThat(specs.get(1).maxConcurrent()).isZero();
  }

  @Test
  void neverShowsARefreshTokenInToString() {
    AccountSpec spec = parse("[{\"name\":\"a\",\"REFRESH_TOKEN\":\"aorSecret123\"}]").getFirst();
    assertThat(spec.toString()).doesNotContain("aorSecret123").contains("<redacted>");
  }

  @Test
  void rejectsAnUnknownKeyByNameWithoutShowingValues() {
    assertThatThrownBy(
            () -> parse("[{\"name\":\"a\",\"REFRESH_TOKEN\":\"x\",\"REFRESH_TOKN\":\"s3cret\"}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("entry 1 ('a'): unknown key \"REFRESH_TOKN\"")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void rejectsDuplicateNamesMissingLoginsAndBadLimits() {
    assertThatThrownBy(
            () ->
                parse(
                    "[{\"name\":\"a\",\"REFRESH_TOKEN\":\"x\"},{\"name\":\"a\",\"REFRESH_TOKEN\":\"y\"}]"))
        .hasMessageContaining("'a' is used twice");
    assertThatThrownBy(() -> parse("[{\"name\":\"a\",\"PROFILE_ARN\":\"arn\"}]"))
        .hasMessageContaining("needs a login");
    assertThatThrownBy(
            () -> parse("[{\"name\":\"a\",\"REFRESH_TOKEN\":\"x\",\"max_concurrent\":0}]"))
        .hasMessageContaining("max_concurrent");
    assertThatThrownBy(() -> parse("[{\"name\":\"a\",\"REFRESH_TOKEN\":\"x\",\"models\":[]}]"))
        .hasMessageContaining("\"models\" is empty");
    assertThatThrownBy(() -> parse("[{\"name\":\"a b\",\"REFRESH_TOKEN\":\"x\"}]"))
        .hasMessageContaining("needs a \"name\"");
  }

  @Test
  void rejectsSomethingThatIsNotAListOfObjects() {
    assertThatThrownBy(() -> parse("{\"name\":\"a\"}")).hasMessageContaining("non-empty JSON list");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("non-empty JSON list");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("entry 1 is not a JSON object");
    assertThatThrownBy(() -> parse("[{")).hasMessageContaining("not valid JSON");
  }

  @Test
  void accountKeysReplaceTheGlobalLoginButInheritTheRest() {
    Settings global =
        Settings.of(
            Map.of(
                "KIRO_CLI_DB_FILE",
                "/global.db",
                "PROFILE_ARN",
                "arn:global",
                "KIRO_REGION",
                "eu-west-1",
                "HTTP_MAX_RETRIES",
                "1"));
    AccountSpec spec = parse("[{\"name\":\"a\",\"REFRESH_TOKEN\":\"x\"}]").getFirst();
    Settings own = spec.over(global);
    assertThat(own.optional("KIRO_CLI_DB_FILE")).isEmpty();
    assertThat(own.optional("PROFILE_ARN")).isEmpty();
    assertThat(own.optional("REFRESH_TOKEN")).contains("x");
    assertThat(own.optional("KIRO_REGION")).contains("eu-west-1");
    assertThat(AccountSpec.implicit().over(global)).isSameAs(global);
  }
}
