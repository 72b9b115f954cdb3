package dev.kirogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in process: exit codes, help, version, one-line config errors, --demo. */
final class MainTest {
  private static final Map<String, String> NO_ENV = Map.of();
  private static final Main.Lifetime MUST_NOT_START =
      gateway -> {
        throw new AssertionError("the gateway should not have started");
      };

  @TempDir Path dir;

  /** Exit code, standard output and standard error of one run. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, Main.Lifetime lifetime, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, lifetime, args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run run(Map<String, String> env, String... args) {
    return run(env, MUST_NOT_START, args);
  }

  private Path envFile(String content) throws IOException {
    Path file = dir.resolve("test.env");
    Files.writeString(file, content);
    return file;
  }

  private static void assertOneCleanLine(Run r, String... fragments) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("kiro-gateway: ").contains(fragments);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void helpListsEveryOptionAndTheDoctorCommand() {
    Run r = run(NO_ENV, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--help", "--version", "--host", "--port", "--env-file", "--demo", "--log-level")
        .contains("doctor");
  }

  @Test
  void versionPrintsNameAndVersion() {
    Run r = run(NO_ENV, "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("kiro-gateway ");
  }

  @Test
  void doctorHasItsOwnHelp() {
    Run r = run(NO_ENV, "doctor", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--no-refresh");
  }

  @Test
  void nonNumericPortInEnvFileIsOneClearLine() throws IOException {
    Path env = envFile("PROXY_API_KEY=k\nSERVER_PORT=abc\n");
    assertOneCleanLine(run(NO_ENV, "--env-file", env.toString()), "SERVER_PORT", "'abc'");
  }

  @Test
  void plainHttpKiroUrlOffLoopbackIsOneClearLine() throws IOException {
    Path env = envFile("PROXY_API_KEY=k\nKIRO_API_BASE_URL=http://kiro.example.com\n");
    assertOneCleanLine(run(NO_ENV, "--env-file", env.toString()), "KIRO_API_BASE_URL", "https://");
  }

  @Test
  void unsupportedProxySchemeIsOneClearLine() {
    Map<String, String> env =
        Map.of("PROXY_API_KEY", "k", "VPN_PROXY_URL", "ftp://user:hunter2@proxy:21");
    Run r = run(env);
    assertOneCleanLine(r, "VPN_PROXY_URL", "socks5");
    assertThat(r.err()).doesNotContain("hunter2");
  }

  @Test
  void missingApiKeyWithoutDemoExplainsWhatToDo() {
    Run r = run(NO_ENV);
    assertOneCleanLine(r, "PROXY_API_KEY is not set", "--demo");
  }

  @Test
  void missingEnvFileIsOneClearLine() {
    assertOneCleanLine(
        run(NO_ENV, "--env-file", dir.resolve("nope.env").toString()), "--env-file", "does not exist");
  }

  @Test
  void credentialsFileThatDoesNotExistIsOneClearLine() {
    Map<String, String> env =
        Map.of(
            "PROXY_API_KEY", "k",
            "SERVER_PORT", "0",
            "KIRO_CREDS_FILE", dir.resolve("missing.json").toString());
    assertOneCleanLine(run(env), "KIRO_CREDS_FILE", "does not exist");
  }

  @Test
  void badPortFlagIsAUsageError() {
    Run r = run(NO_ENV, "--port", "abc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--port").doesNotContain("\tat ");
  }

  @Test
  void demoPrintsBannerWithUrlKeyEndpointsModelsAndServesHealth() {
    AtomicReference<String> bannerSeen = new AtomicReference<>();
    AtomicReference<HttpResponse<String>> health = new AtomicReference<>();
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            NO_ENV,
            gateway -> {
              bannerSeen.set(out.toString());
              health.set(get(gateway.baseUrl() + "/health"));
            },
            "--demo",
            "--port",
            "0");
    assertThat(code).isZero();
    assertThat(bannerSeen.get())
        .contains("DEMO mode")
        .containsPattern("Base URL: +http://127\\.0\\.0\\.1:\\d+/v1")
        .containsPattern("API key: +demo-[0-9a-f]{24}")
        .contains("POST /v1/chat/completions", "POST /v1/messages", "GET /health")
        .contains("Models:", "claude-sonnet-4.5")
        .contains("Credentials:");
    assertThat(health.get().statusCode()).isEqualTo(200);
    assertThat(health.get().body()).contains("\"status\":\"ok\"").contains("demo");
  }

  private static HttpResponse<String> get(String url) throws InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
