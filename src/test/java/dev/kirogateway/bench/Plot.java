package dev.kirogateway.bench;

import dev.kirogateway.bench.LoadClient.Api;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the two charts of docs/BENCHMARKS.md into one PNG, headless with plain Java2D: added
 * time to first token against concurrency (realistic upstream), and throughput against
 * concurrency (no-delay upstream).
 */
final class Plot {
  private static final int W = 1400;
  private static final int H = 580;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)
  };

  private Plot() {}

  /** One line of a chart. */
  private record Series(String name, List<Double> values, boolean dashed, boolean reference) {
    Series(String name, List<Double> values, boolean dashed) {
      this(name, values, dashed, false);
    }
  }

  static void write(Results r, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    List<Integer> lat = r.config().latencyLevels();
    List<Series> added = new ArrayList<>();
    for (Api api : List.of(Api.OPENAI, Api.ANTHROPIC)) {
      added.add(new Series(api.label() + " p50", addedTtft(r, api, lat, Dist::p50), false));
      added.add(new Series(api.label() + " p99", addedTtft(r, api, lat, Dist::p99), true));
    }
    added.add(new Series("target p50 ≤ 1 ms, p99 ≤ 5 ms", values(lat, c -> 1.0), false, true));
    added.add(new Series("", values(lat, c -> 5.0), false, true));
    chart(g, 0, "Added time to first token (gateway − direct), realistic upstream", "ms", lat, added);
    List<Integer> sat = r.config().saturationLevels();
    List<Series> rate = new ArrayList<>();
    for (Api api : Api.values()) {
      rate.add(new Series(api.label(), values(sat, c -> r.saturation(api, c).map(PhaseResult::requestsPerSecond).orElse(0.0)), false));
    }
    rate.add(new Series("target: 50 % of direct", values(sat, c -> r.saturation(Api.DIRECT, c).map(p -> p.requestsPerSecond() / 2).orElse(0.0)), false, true));
    chart(g, W / 2, "Throughput, no-delay upstream (" + Math.round(r.meanTokens()) + " tokens per reply)", "requests/s", sat, rate);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("kiro-gateway load benchmark — " + r.machine(), 20, H - 12);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static List<Double> addedTtft(Results r, Api api, List<Integer> levels, ToDoubleFunction<Dist> pick) {
    return values(levels, c -> {
      var g = r.latency(api, c);
      var d = r.latency(Api.DIRECT, c);
      return g.isPresent() && d.isPresent() ? (pick.applyAsDouble(g.get().ttft()) - pick.applyAsDouble(d.get().ttft())) / 1e6 : 0.0;
    });
  }

  private static List<Double> values(List<Integer> levels, java.util.function.IntFunction<Double> f) {
    List<Double> v = new ArrayList<>();
    for (int c : levels) {
      v.add(f.apply(c));
    }
    return v;
  }

  private static void chart(Graphics2D g, int x0, String title, String unit, List<Integer> levels, List<Series> series) {
    int left = x0 + 80;
    int right = x0 + W / 2 - 30;
    int top = 60;
    int bottom = H - 110;
    double min = 0;
    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double step = niceStep((max - min) / 6);
    max = step * Math.ceil(max / step + 0.01);
    min = step * Math.floor(min / step);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, x0 + 30, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double y = min; y <= max + step / 2; y += step) {
      int py = py(y, min, max, top, bottom);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(left, py, right, py);
      g.setColor(Color.DARK_GRAY);
      String label = step < 1 ? String.format(Locale.ROOT, "%.2f", y) : String.format(Locale.ROOT, "%.0f", y);
      g.drawString(label, left - 8 - fm.stringWidth(label), py + 4);
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, top, left, bottom);
    g.drawLine(left, py(0, min, max, top, bottom), right, py(0, min, max, top, bottom));
    g.drawString(unit, x0 + 12, top - 12);
    for (int i = 0; i < levels.size(); i++) {
      int px = px(i, levels.size(), left, right);
      String label = Integer.toString(levels.get(i));
      g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 18);
    }
    String axis = "concurrent streams";
    g.drawString(axis, (left + right) / 2 - fm.stringWidth(axis) / 2, bottom + 36);
    List<Series> refs = series.stream().filter(Series::reference).toList();
    series = series.stream().filter(x -> !x.reference()).toList();
    for (Series ref : refs) {
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {2, 4}, 0));
      for (int i = 1; i < ref.values().size(); i++) {
        g.drawLine(px(i - 1, levels.size(), left, right), py(ref.values().get(i - 1), min, max, top, bottom),
            px(i, levels.size(), left, right), py(ref.values().get(i), min, max, top, bottom));
      }
      if (ref.values().size() == 1) {
        int y = py(ref.values().get(0), min, max, top, bottom);
        g.drawLine(left, y, right, y);
      }
      if (!ref.name().isEmpty()) {
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
        g.drawString("···· " + ref.name(), right - g.getFontMetrics().stringWidth("···· " + ref.name()), top - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      }
    }
    g.setStroke(new BasicStroke(1));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      Color c = COLORS[(line.dashed() ? s - 1 : s) % COLORS.length];
      if (series.size() == 4) {
        c = COLORS[s / 2 % COLORS.length];
      }
      g.setColor(c);
      g.setStroke(line.dashed()
          ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0)
          : new BasicStroke(2.6f));
      int px0 = -1;
      int py0 = -1;
      for (int i = 0; i < line.values().size(); i++) {
        int px = px(i, levels.size(), left, right);
        int py = py(line.values().get(i), min, max, top, bottom);
        if (px0 >= 0) {
          g.drawLine(px0, py0, px, py);
        }
        g.fillOval(px - 4, py - 4, 8, 8);
        px0 = px;
        py0 = py;
      }
      int columns = series.size() > 3 ? 2 : series.size();
      int ly = bottom + 56 + (s / columns) * 18;
      int lx = left + (s % columns) * ((right - left) / columns);
      g.drawLine(lx, ly - 4, lx + 24, ly - 4);
      g.setStroke(new BasicStroke(1));
      g.setColor(Color.BLACK);
      g.drawString(line.name(), lx + 30, ly);
    }
    g.setStroke(new BasicStroke(1));
  }

  private static int px(int i, int n, int left, int right) {
    return n == 1 ? (left + right) / 2 : left + 30 + (int) ((right - left - 60) * (double) i / (n - 1));
  }

  private static int py(double v, double min, double max, int top, int bottom) {
    double span = max - min == 0 ? 1 : max - min;
    return bottom - (int) ((v - min) / span * (bottom - top));
  }

  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  }
}
