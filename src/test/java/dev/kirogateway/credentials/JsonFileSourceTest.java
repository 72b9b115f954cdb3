package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonFileSourceTest {
  private static final String HASH = "fe42de6e9e88ee8bd3796e591bc6c860a3774d4e";
  @TempDir Path dir;

  private Path write(String name, String json) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  private Path ideBuilderIdFile() throws Exception {
    write(HASH + ".json", "{\"clientId\":\"" + FakeAuthServer.CLIENT_ID + "\",\"clientSecret\":\""
        + FakeAuthServer.CLIENT_SECRET + "\",\"expiresAt\":\"2026-12-01T00:00:00Z\"}");
    return write("kiro-auth-token.json", "{\"accessToken\":\"aoaA\",\"refreshToken\":\"aorR\","
        + "\"expiresAt\":\"2025-12-01T11:03:43.000Z\",\"clientIdHash\":\"" + HASH + "\","
        + "\"authMethod\":\"IdC\",\"provider\":\"BuilderId\",\"region\":\"us-east-1\","
        + "\"extra\":[1,2]}");
  }

  @Test
  void readsIdeFileWithCompanionRegistration() throws Exception {
    TokenSnapshot s = new JsonFileSource(ideBuilderIdFile(), false).read();

    assertThat(s.loginType()).isEqualTo(LoginType.BUILDER_ID);
    assertThat(s.clientSecret()).contains(FakeAuthServer.CLIENT_SECRET);
    assertThat(s.expiresAt()).contains(Instant.parse("2025-12-01T11:03:43Z"));
  }

  @Test
  void ignoresClientIdHashThatIsNotPlainHex() throws Exception {
    write("secret.json", "{\"clientId\":\"x\",\"clientSecret\":\"y\"}");
    Path f = write("token.json", "{\"accessToken\":\"a\",\"refreshToken\":\"r\","
        + "\"clientIdHash\":\"../" + dir.getFileName() + "/secret\"}");

    TokenSnapshot s = new JsonFileSource(f, false).read();

    assertThat(s.clientId()).isEmpty();
    assertThat(s.loginType()).isEqualTo(LoginType.SOCIAL);
  }

  @Test
  void readsSsoCacheFileWithInlineClient() throws Exception {
    Path f = write("cache.json", "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"clientId\":\"c\","
        + "\"clientSecret\":\"s\",\"startUrl\":\"https://d-1.awsapps.com/start\","
        + "\"region\":\"ap-southeast-1\",\"expiresAt\":\"2026-01-01T00:00:00Z\"}");

    TokenSnapshot s = new JsonFileSource(f, false).read();

    assertThat(s.loginType()).isEqualTo(LoginType.IDC);
    assertThat(s.ssoRegion()).contains("ap-southeast-1");
  }

  @Test
  void socialFileWithoutRefreshTokenIsRejected() throws Exception {
    Path f = write("t.json", "{\"accessToken\":\"a\"}");

    assertThatThrownBy(() -> new JsonFileSource(f, false).read())
        .hasMessageContaining("no refreshToken").hasMessageContaining("Kiro IDE");
  }

  @Test
  void writeBackKeepsUnknownFieldsAndModeAndReplacesFileAtomically() throws Exception {
    Path f = ideBuilderIdFile();
    Object inodeBefore = Files.getAttribute(f, "unix:ino");
    JsonFileSource source = new JsonFileSource(f, false);
    TokenSnapshot read = source.read();
    RefreshResult r = new RefreshResult("aoaNEW", Optional.of("aorNEW"), Duration.ofHours(1),
        Optional.empty());

    source.writeBack(read.refreshed(r, Instant.parse("2026-05-08T00:00:00Z")), r);

    JsonNode json = new ObjectMapper().readTree(Files.readString(f));
    assertThat(json.path("accessToken").asText()).isEqualTo("aoaNEW");
    assertThat(json.path("refreshToken").asText()).isEqualTo("aorNEW");
    assertThat(json.path("expiresAt").asText()).isEqualTo("2026-05-08T01:00:00Z");
    assertThat(json.path("extra").size()).isEqualTo(2);
    assertThat(json.path("clientIdHash").asText()).isEqualTo(HASH);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    // a new inode means rename-over, not an in-place rewrite a reader could see half done
    assertThat(Files.getAttribute(f, "unix:ino")).isNotEqualTo(inodeBefore);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kiro-auth-token.json", HASH + ".json");
    }
  }
}
