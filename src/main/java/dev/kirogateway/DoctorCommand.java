package dev.kirogateway;

import dev.kirogateway.config.Settings;
import dev.kirogateway.credentials.CredentialsDoctor;
import dev.kirogateway.credentials.CredentialsSettings;
import dev.kirogateway.kiro.ProxySettings;
import dev.kirogateway.kiro.UpstreamHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.eclipse.jetty.client.HttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiro-gateway doctor}: checks the Kiro credentials end to end, secrets redacted. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Shows which Kiro credentials the gateway would use (source, login type, regions, profile ARN,",
      "expiry) and tries a token refresh now. Exits non-zero with the reason when something is wrong."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(names = "--no-refresh", description = "Only inspect; do not try a token refresh.")
  boolean noRefresh;

  @Override
  public Integer call() throws Exception {
    Settings settings = parent.settings();
    HttpClient http = UpstreamHttp.start(Duration.ofSeconds(30), ProxySettings.from(settings));
    try {
      CredentialsDoctor.Report report =
          CredentialsDoctor.run(
              CredentialsSettings.from(settings),
              http,
              Clock.systemUTC(),
              settings.asMap(),
              System.getProperty("os.name"),
              Path.of(System.getProperty("user.home")),
              !noRefresh);
      parent.out().println(report.text());
      parent.out().flush();
      return report.exitCode();
    } finally {
      http.stop();
    }
  }
}
