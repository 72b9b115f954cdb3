package dev.kirogateway;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.DotEnv;
import dev.kirogateway.config.Settings;
import dev.kirogateway.credentials.CredentialsException;
import dev.kirogateway.http.Version;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: starts the gateway, or runs {@code doctor}. Configuration errors exit 2. */
@Command(
    name = "kiro-gateway",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    subcommands = {DoctorCommand.class, KeysCommand.class},
    description = {
      "OpenAI- and Anthropic-compatible gateway to the Claude models of a Kiro subscription.",
      "Settings come from CLI flags, then the environment, then the .env file, then defaults."
    })
public final class Main implements Callable<Integer> {

  @Option(names = "--host", description = "Bind address (SERVER_HOST, default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (SERVER_PORT, default 8000).")
  Integer port;

  @Option(names = "--env-file", description = "The .env file to read (default ./.env if present).")
  Path envFile;

  @Option(names = "--log-level", description = "LOG_LEVEL: ERROR, WARN, INFO, DEBUG or TRACE.")
  String logLevel;

  @Option(
      names = "--demo",
      description =
          "Run against the built-in Kiro simulator: no Kiro account needed; prints the URL and key.")
  boolean demo;

  /** Keeps the started gateway running: until the JVM shuts down, or as long as a test wants. */
  interface Lifetime {
    void await(Gateway gateway) throws InterruptedException;
  }

  /** Production lifetime: until SIGINT/SIGTERM; the shutdown hook closes the gateway. */
  static final Lifetime UNTIL_SHUTDOWN =
      gateway -> {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      gateway.close();
                      stopped.countDown();
                    },
                    "shutdown"));
        stopped.await();
      };

  @Spec CommandSpec spec;

  private final Map<String, String> environment;
  private final Lifetime lifetime;

  Main(Map<String, String> environment, Lifetime lifetime) {
    this.environment = environment;
    this.lifetime = lifetime;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.getenv(),
        UNTIL_SHUTDOWN,
        args);
  }

  /** The whole CLI with its output, environment and gateway lifetime supplied (for tests). */
  static int run(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> environment,
      Lifetime lifetime,
      String... args) {
    CommandLine cli = new CommandLine(new Main(environment, lifetime));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter errors = cmd.getErr();
          if (e instanceof ConfigException || e instanceof CredentialsException) {
            errors.println("kiro-gateway: " + e.getMessage());
            return 2;
          }
          errors.println("kiro-gateway: failed to start: " + e);
          return 1;
        });
    return cli.execute(args);
  }

  /** CLI flags over the environment over the .env file. */
  Settings settings() {
    Map<String, String> cliValues = new LinkedHashMap<>();
    if (host != null) {
      cliValues.put("SERVER_HOST", host);
    }
    if (port != null) {
      cliValues.put("SERVER_PORT", port.toString());
    }
    if (logLevel != null) {
      cliValues.put("LOG_LEVEL", logLevel);
    }
    Map<String, String> dotEnv = Map.of();
    if (envFile != null) {
      if (!Files.isRegularFile(envFile)) {
        throw new ConfigException("--env-file " + envFile + " does not exist");
      }
      dotEnv = DotEnv.read(envFile);
    } else if (Files.isRegularFile(Path.of(".env"))) {
      dotEnv = DotEnv.read(Path.of(".env"));
    }
    Settings s = Settings.layered(cliValues, environment, dotEnv);
    String level =
        s.oneOf("LOG_LEVEL", "INFO", java.util.List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE"));
    System.setProperty("LOG_LEVEL", level);
    // logback.xml picks its appender by this name; it must be set before the first logger exists
    System.setProperty("LOG_FORMAT", s.oneOf("LOG_FORMAT", "text", java.util.List.of("text", "json")));
    return s;
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = settings();
    try (Gateway gateway = demo ? Gateway.startDemo(settings) : Gateway.start(settings)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(gateway.banner());
      out.flush();
      lifetime.await(gateway);
    }
    return 0;
  }

  /** Where command output goes (the banner, the doctor report). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kiro-gateway " + Version.current()};
    }
  }
}
