package dev.kirogateway;

import dev.kirogateway.keys.ClientKey;
import dev.kirogateway.keys.KeyGuard;
import dev.kirogateway.keys.KeysSettings;
import dev.kirogateway.keys.SqliteKeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kiro-gateway keys create|list|revoke}: manages per-user client keys in DATA_DIR. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class},
    description = {
      "Manages client API keys (stored hashed in DATA_DIR/keys.sqlite3, default ~/.kiro-gateway).",
      "PROXY_API_KEY stays the admin key. A running gateway sees new and revoked keys at once;",
      "start (or restart) it after creating the first key."
    })
final class KeysCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", description = "Where the key store lives (DATA_DIR).")
  Path dataDir;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  SqliteKeyStore open() {
    Path home = Path.of(System.getProperty("user.home"));
    Path db =
        dataDir != null
            ? dataDir.resolve("keys.sqlite3")
            : KeysSettings.from(parent.settings(), home).database();
    return SqliteKeyStore.open(db);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a key and prints it once (only its salted hash is stored).")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "A unique name, e.g. alice")
    String name;

    @Option(names = "--models", split = ",", description = "Models the key may use (default all).")
    List<String> models = List.of();

    @Option(names = "--rpm", description = "Requests per minute (default unlimited).")
    int rpm;

    @Option(names = "--concurrent", description = "Requests at once (default unlimited).")
    int concurrent;

    @Option(names = "--daily-credits", description = "Kiro credits per UTC day.")
    Double daily;

    @Option(names = "--monthly-credits", description = "Kiro credits per UTC month.")
    Double monthly;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (rpm < 0
          || concurrent < 0
          || (daily != null && daily < 0)
          || (monthly != null && monthly < 0)) {
        err.println("kiro-gateway: limits must be >= 0");
        return 2;
      }
      ClientKey.Limits limits =
          new ClientKey.Limits(
              models,
              rpm,
              concurrent,
              daily == null ? OptionalDouble.empty() : OptionalDouble.of(daily),
              monthly == null ? OptionalDouble.empty() : OptionalDouble.of(monthly));
      try (SqliteKeyStore store = keys.open()) {
        String key = KeyGuard.create(store, name, limits, Clock.systemUTC());
        out.println("Created key '" + name + "'. It is shown only now; store it safely:");
        out.println(key);
        out.flush();
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("kiro-gateway: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys and limits.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (SqliteKeyStore store = keys.open()) {
        for (ClientKey k : store.all()) {
          ClientKey.Limits l = k.limits();
          out.printf(
              "%-20s kgw-%s-…  %s  models=%s rpm=%s concurrent=%s daily=%s monthly=%s%n",
              k.name(),
              k.id(),
              k.revoked().map(r -> "revoked " + r).orElse("active"),
              l.models().isEmpty() ? "all" : String.join(",", l.models()),
              l.rpm() > 0 ? l.rpm() : "-",
              l.concurrent() > 0 ? l.concurrent() : "-",
              l.dailyCredits().isPresent() ? l.dailyCredits().getAsDouble() : "-",
              l.monthlyCredits().isPresent() ? l.monthlyCredits().getAsDouble() : "-");
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "The key's name")
    String name;

    @Override
    public Integer call() {
      try (SqliteKeyStore store = keys.open()) {
        if (!store.revoke(name, Instant.now())) {
          spec.commandLine().getErr().println("kiro-gateway: no active key named '" + name + "'");
          return 1;
        }
        spec.commandLine().getOut().println("Revoked key '" + name + "'.");
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
