package dev.kirogateway.accounts;

import java.time.Duration;

/** Short human wording of a wait, for error messages: "45 s", "4 min", "2 h 5 min", "3 days". */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    if (s < 60) {
      return s + " s";
    }
    long min = (s + 59) / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 48) {
      return min % 60 == 0 ? h + " h" : h + " h " + min % 60 + " min";
    }
    return (h + 23) / 24 + " days";
  }
}
