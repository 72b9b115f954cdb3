package dev.kirogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KeysCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "keys";
    all[1] = "--data-dir";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    int code =
        Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), Main.UNTIL_SHUTDOWN, all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createsListsAndRevokesKeysShowingTheKeyOnlyOnce() {
    Run created =
        run(
            "create",
            "alice",
            "--models",
            "claude-haiku-4.5,claude-sonnet-4.5",
            "--rpm",
            "30",
            "--concurrent",
            "2",
            "--daily-credits",
            "5",
            "--monthly-credits",
            "50");
    assertThat(created.code()).as(created.err()).isZero();
    String key = created.out().lines().toList().get(1);
    assertThat(key).matches("kgw-[0-9a-f]{8}-[A-Za-z0-9_-]{43}");

    Run list = run("list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("alice")
        .contains("active")
        .contains("models=claude-haiku-4.5,claude-sonnet-4.5")
        .contains("rpm=30")
        .contains("concurrent=2")
        .contains("daily=5.0")
        .contains("monthly=50.0")
        .doesNotContain(key.substring(13));

    assertThat(run("create", "alice").code()).isEqualTo(2);
    assertThat(run("revoke", "alice").out()).contains("Revoked key 'alice'.");
    assertThat(run("list").out()).contains("revoked");
    Run again = run("revoke", "alice");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no active key named 'alice'");
  }
}
