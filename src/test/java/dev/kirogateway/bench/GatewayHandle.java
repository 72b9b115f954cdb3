package dev.kirogateway.bench;

import dev.kirogateway.Gateway;
import dev.kirogateway.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway under test: the jar in its own JVM (the real measurement), or the composition root
 * in this JVM (the smoke run). Either way it is ready when {@code GET /v1/models} answered 200,
 * and {@link #startupNanos()} is the time from spawn to that answer.
 */
abstract sealed class GatewayHandle implements AutoCloseable {
  final URI baseUrl;
  final long startupNanos;

  private GatewayHandle(URI baseUrl, long startupNanos) {
    this.baseUrl = baseUrl;
    this.startupNanos = startupNanos;
  }

  abstract long pid();

  long startupNanos() {
    return startupNanos;
  }

  @Override
  public abstract void close();

  /** The settings that point a gateway at {@code upstream} (refreshing against {@code auth}). */
  static Map<String, String> env(URI upstream, URI auth, int port) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PROXY_API_KEY", Requests.API_KEY);
    env.put("SERVER_HOST", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("KIRO_API_BASE_URL", upstream.toString());
    env.put("KIRO_API_FALLBACK_BASE_URLS", "");
    env.put("KIRO_DESKTOP_AUTH_BASE_URL", auth.toString());
    env.put("KIRO_OIDC_BASE_URL", auth.toString());
    env.put("KIRO_MANAGEMENT_BASE_URL", auth.toString());
    env.put("REFRESH_TOKEN", Upstreams.REFRESH_TOKEN);
    env.put("PROFILE_ARN", "arn:aws:codewhisperer:us-east-1:123456789012:profile/BENCH");
    env.put("KIRO_CLI_DB_FILE", "");
    env.put("KIRO_CREDS_FILE", "");
    return env;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** Starts {@code java [jvmArgs] -jar jar} in {@code workDir} with only {@code env} set. */
  static GatewayHandle spawn(Path jar, List<String> jvmArgs, Map<String, String> env, Path workDir) {
    int port = Integer.parseInt(env.get("SERVER_PORT"));
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.addAll(Proc.extraGatewayArgs());
    cmd.add("-Duser.home=" + workDir.resolve("home").toAbsolutePath());
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    try {
      Files.createDirectories(workDir.resolve("home"));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      // only our settings: a KIRO_* variable of the person running the benchmark must not leak in
      pb.environment().clear();
      pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      pb.environment().put("HOME", workDir.resolve("home").toAbsolutePath().toString());
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("gateway.log").toFile()));
      long t0 = System.nanoTime();
      Process p = pb.start();
      long ready = awaitReady(port, p, t0);
      return new Child(URI.create("http://127.0.0.1:" + port), ready - t0, p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the gateway jar", e);
    }
  }

  /** Starts the gateway in this JVM (smoke run). */
  static GatewayHandle inProcess(Map<String, String> env, Path home) {
    long t0 = System.nanoTime();
    Gateway gw = Gateway.start(Settings.layered(env), home);
    long ready = awaitReady(gw.server().port(), null, t0);
    return new InProcess(gw, ready - t0);
  }

  /** Polls every 2 ms until {@code GET /v1/models} answers 200; returns that moment. */
  private static long awaitReady(int port, Process process, long t0) {
    byte[] get =
        ("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Requests.API_KEY
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("the gateway exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        OutputStream out = s.getOutputStream();
        out.write(get);
        out.flush();
        InputStream in = s.getInputStream();
        String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (status.equals("HTTP/1.1 200")) {
          return System.nanoTime();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("the gateway did not answer within 60 s");
  }

  private static final class Child extends GatewayHandle {
    private final Process process;

    Child(URI baseUrl, long startupNanos, Process process) {
      super(baseUrl, startupNanos);
      this.process = process;
    }

    @Override
    long pid() {
      return process.pid();
    }

    @Override
    public void close() {
      process.destroy(); // SIGTERM: the gateway drains and, with -XX:AOTCacheOutput, writes the cache
      try {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static final class InProcess extends GatewayHandle {
    private final Gateway gateway;

    InProcess(Gateway gateway, long startupNanos) {
      super(gateway.baseUrl(), startupNanos);
      this.gateway = gateway;
    }

    @Override
    long pid() {
      return Proc.self();
    }

    @Override
    public void close() {
      gateway.close();
    }
  }
}
