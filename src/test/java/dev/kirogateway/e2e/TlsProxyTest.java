package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code VPN_PROXY_URL=https://…}: TLS to the proxy itself. The proxy's certificate is made with
 * the JDK's keytool and trusted through {@code javax.net.ssl.trustStore} for this class only (the
 * gateway trusts what the JDK trusts). The test proxy only accepts TLS, so a request that reaches
 * it in plain text fails.
 */
final class TlsProxyTest {
  private static final String PASS = "changeit";
  private static final String CHAT =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @TempDir static Path dir;
  private static Path keyStore;
  private static String oldStore;
  private static String oldPass;

  @BeforeAll
  static void makeCertificateAndTrustIt() throws Exception {
    keyStore = dir.resolve("proxy.p12");
    Path trustStore = dir.resolve("trust.p12");
    Path cert = dir.resolve("proxy.cer");
    keytool("-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASS);
    keytool("-exportcert", "-alias", "proxy", "-keystore", keyStore.toString(),
        "-storepass", PASS, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "proxy", "-file", cert.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASS);
    oldStore = System.getProperty("javax.net.ssl.trustStore");
    oldPass = System.getProperty("javax.net.ssl.trustStorePassword");
    System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", PASS);
  }

  @AfterAll
  static void restoreTrustStore() {
    restore("javax.net.ssl.trustStore", oldStore);
    restore("javax.net.ssl.trustStorePassword", oldPass);
  }

  @Test
  void chatAndRefreshGoThroughAnHttpsProxyWithCredentials() throws Exception {
    try (TestHttpProxy proxy = new TestHttpProxy("kiro", "s3cret", tlsServer());
        GatewayHarness h =
            GatewayHarness.start(
                Map.of("VPN_PROXY_URL", "https://kiro:s3cret@127.0.0.1:" + proxy.port()))) {
      HttpResponse<String> r = new RawClient(h).openai(CHAT);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(proxy.refused()).isZero();
      assertThat(proxy.sent())
          .contains("/refreshToken HTTP/1.1")
          .contains("/generateAssistantResponse HTTP/1.1");
    }
  }

  /**
   * Real Kiro URLs are https, which goes through a CONNECT tunnel. The tunnel's own TLS to the
   * destination cannot complete here (the simulator speaks plain HTTP), but the CONNECT, with its
   * credentials, must have reached the proxy over TLS.
   */
  @Test
  void httpsDestinationsAreTunnelledWithConnectOverTls() throws Exception {
    try (TestHttpProxy proxy = new TestHttpProxy("kiro", "s3cret", tlsServer());
        GatewayHarness h =
            GatewayHarness.start(
                SimulatorOptions.defaults(),
                sim ->
                    Map.of(
                        "VPN_PROXY_URL", "https://kiro:s3cret@127.0.0.1:" + proxy.port(),
                        "KIRO_DESKTOP_AUTH_BASE_URL",
                        "https://127.0.0.1:" + sim.baseUrl().getPort()))) {
      HttpResponse<String> r = new RawClient(h).openai(CHAT);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(proxy.refused()).isZero();
      assertThat(proxy.sent()).containsPattern("CONNECT 127\\.0\\.0\\.1:\\d+ HTTP/1\\.1");
    }
  }

  private static ServerSocket tlsServer() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    return tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
