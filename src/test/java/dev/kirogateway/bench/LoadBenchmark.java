package dev.kirogateway.bench;

import dev.kirogateway.bench.LoadClient.Api;
import dev.kirogateway.bench.LoadClient.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end-to-end load benchmark (project issue 5). Starts the upstreams (Kiro simulator with a
 * realistic latency model, the simulator without delays, a slow upstream), then drives the
 * gateway jar, each in its own JVM, with closed-loop streaming clients of both APIs, and the
 * simulator directly with an event-stream client as the baseline. Writes {@code results.md},
 * {@code results.json} and {@code benchmarks.png} to the output directory.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify        # builds the jar, runs this and the JMH benchmarks
 * java -cp ... dev.kirogateway.bench.LoadBenchmark --jar target/kiro-gateway.jar --out target/bench
 * </pre>
 *
 * <p>The smoke run ({@link BenchConfig#quick()}) does the same in one JVM for a few streams.
 */
public final class LoadBenchmark {
  private final BenchConfig config;
  private final Path out;
  private final Path jar;
  private final ReplyMix mix;
  private final Requests requests = new Requests();
  private final LoadClient client = new LoadClient(requests);
  private final List<Long> otherPids = new ArrayList<>();
  private URI realistic;
  private URI fast;
  private URI slow;
  /** Development switch: run only the slow-stream phase (no report). */
  private static boolean onlySlow;
  /** Development switch: run only the latency phases (no report). */
  private static boolean onlyLatency;

  private LoadBenchmark(BenchConfig config, Path out, Path jar) {
    this.config = config;
    this.out = out;
    this.jar = jar;
    this.mix = ReplyMix.of(config.framesPerReply());
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of("target/kiro-gateway.jar");
    Path out = Path.of("target/bench");
    BenchConfig config = BenchConfig.full();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> jar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--dev" -> config = BenchConfig.dev();
        case "--only-slow" -> onlySlow = true;
        case "--only-latency" -> onlyLatency = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + " is missing: build it with ./mvnw package first");
    }
    Results r = run(config, out, jar);
    System.out.println(Report.markdown(r));
    if (r.totalErrors() > 0) {
      System.exit(1);
    }
  }

  /** Runs the whole benchmark; {@code jar} is ignored by the smoke configuration. */
  static Results run(BenchConfig config, Path out, Path jar) throws Exception {
    Files.createDirectories(out);
    LoadBenchmark b = new LoadBenchmark(config, out, jar);
    try {
      Results r = b.runAll();
      Files.writeString(out.resolve("results.md"), Report.markdown(r));
      Files.writeString(out.resolve("results.json"), Report.json(r));
      Plot.write(r, out.resolve("benchmarks.png"));
      return r;
    } finally {
      b.client.close();
    }
  }

  private Results runAll() throws Exception {
    if (config.inProcess()) {
      try (Upstreams u = Upstreams.start(config, mix)) {
        realistic = u.realistic();
        fast = u.fast();
        slow = u.slow();
        return measure();
      }
    }
    Process upstreams = startUpstreamJvm();
    try {
      otherPids.add(upstreams.pid());
      return measure();
    } finally {
      upstreams.getOutputStream().close();
      if (!upstreams.waitFor(30, TimeUnit.SECONDS)) {
        upstreams.destroyForcibly();
      }
    }
  }

  private Results measure() throws Exception {
    log("upstreams: realistic %s, no delay %s, slow %s", realistic, fast, slow);
    if (onlySlow) {
      try (GatewayHandle gw = gateway(slow, List.of())) {
        slowStreams(gw);
      }
      System.exit(0);
    }
    Results.Startup startup = onlyLatency ? null : startup();
    List<PhaseResult> latency = new ArrayList<>();
    try (GatewayHandle gw = gateway(realistic, List.of())) {
      warmUp(gw, realistic, Math.max(2, BenchConfig.TARGET_STREAMS / (config.inProcess() ? 50 : 1)));
      Duration stagger = config.latencyPhase().dividedBy(6);
      for (int c : config.latencyLevels()) {
        // unrecorded: the gateway's connection pools grow to this level (its upstream pool
        // drops connections idle for 30 s, e.g. during the direct phases)
        closedLoop(Api.OPENAI, gw.baseUrl, c, stagger.plusSeconds(1), stagger);
        for (Api api : apiOrder()) {
          latency.add(phase("latency", api, target(api, gw, realistic), gw, c, config.latencyPhase(), stagger));
        }
      }
    }
    if (onlyLatency) {
      System.exit(0);
    }
    List<PhaseResult> saturation = new ArrayList<>();
    try (GatewayHandle gw = gateway(fast, List.of())) {
      warmUp(gw, fast, 16);
      for (int c : config.saturationLevels()) {
        for (Api api : Api.values()) {
          saturation.add(phase("saturation", api, target(api, gw, fast), gw, c, config.saturationPhase(), Duration.ZERO));
        }
      }
    }
    Results.Slow slowResult;
    try (GatewayHandle gw = gateway(slow, List.of())) {
      slowResult = slowStreams(gw);
    }
    return new Results(config, machine(), mix.meanTokens(), latency, saturation, slowResult, startup);
  }

  /** The order of the latency phases per level ({@code -Dbench.apis=DIRECT,ANTHROPIC,OPENAI}). */
  private static List<Api> apiOrder() {
    String v = System.getProperty("bench.apis", "");
    return v.isBlank()
        ? List.of(Api.values())
        : java.util.Arrays.stream(v.split(",")).map(String::strip).map(Api::valueOf).toList();
  }

  private static URI target(Api api, GatewayHandle gw, URI upstream) {
    return api == Api.DIRECT ? upstream : gw.baseUrl;
  }

  private GatewayHandle gateway(URI upstream, List<String> jvmArgs) throws IOException {
    Map<String, String> env = GatewayHandle.env(upstream, realistic, config.inProcess() ? 0 : GatewayHandle.freePort());
    if (config.inProcess()) {
      Path home = out.resolve("home");
      Files.createDirectories(home);
      return GatewayHandle.inProcess(env, home);
    }
    return GatewayHandle.spawn(jar, jvmArgs, env, out);
  }

  /** Unrecorded closed-loop traffic so the JIT has compiled the hot path of every party. */
  private void warmUp(GatewayHandle gw, URI upstream, int concurrency) throws InterruptedException {
    log("warming up (%d streams, %s per API)", concurrency, config.warmup());
    for (Api api : Api.values()) {
      closedLoop(api, target(api, gw, upstream), concurrency, config.warmup(), Duration.ZERO);
    }
  }

  private PhaseResult phase(
      String kind, Api api, URI target, GatewayHandle gw, int concurrency, Duration length, Duration stagger)
      throws InterruptedException {
    long pathPid = api == Api.DIRECT ? Proc.self() : gw.pid();
    Set<Long> all = pids(gw);
    long pathCpu0 = Proc.cpuNanos(pathPid);
    long pathSys0 = Proc.sysNanos(pathPid);
    long totalCpu0 = cpu(all);
    long t0 = System.nanoTime();
    long[] rss = {0};
    Thread rssProbe =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(length.dividedBy(2));
                    rss[0] = Proc.rssBytes(gw.pid());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    List<Sample> samples = closedLoop(api, target, concurrency, length, stagger);
    rssProbe.join();
    long pathCpu = Proc.cpuNanos(pathPid) - pathCpu0;
    long pathSys = Proc.sysNanos(pathPid) - pathSys0;
    long totalCpu = cpu(all) - totalCpu0;
    long deadline = t0 + length.toNanos();
    int inWindow = 0;
    int good = 0;
    List<String> errors = new ArrayList<>();
    List<Long> ttft = new ArrayList<>();
    List<Long> e2e = new ArrayList<>();
    for (Sample s : samples) {
      if (s.error() != null) {
        if (errors.size() < 200) {
          errors.add(s.error());
        }
        continue;
      }
      good++;
      ttft.add(s.ttft());
      e2e.add(s.e2e());
      if (s.endNanos() <= deadline) {
        inWindow++;
      }
    }
    double seconds = length.toNanos() / 1e9;
    double rps = inWindow / seconds;
    PhaseResult r =
        new PhaseResult(
            kind,
            api,
            concurrency,
            seconds,
            inWindow,
            samples.size(),
            samples.size() - good,
            errors.stream().distinct().limit(5).toList(),
            Dist.of(ttft.stream().mapToLong(Long::longValue).toArray()),
            Dist.of(e2e.stream().mapToLong(Long::longValue).toArray()),
            rps,
            rps * mix.meanTokens(),
            pathCpu,
            pathSys,
            totalCpu,
            good * mix.meanTokens(),
            rss[0]);
    log(
        "%-10s %-17s c=%-4d n=%-5d err=%d ttft p50/p99 %.1f/%.1f ms e2e p50 %.0f ms %.0f req/s cpu %.3f s/1k tok",
        kind, api.label(), concurrency, r.samples(), r.errors(), ms(r.ttft().p50()), ms(r.ttft().p99()),
        ms(r.e2e().p50()), rps, r.pathCpuPer1k());
    return r;
  }

  /**
   * {@code concurrency} virtual threads, each sending its next request as soon as the last ended,
   * until {@code length} has passed; starts are spread over {@code stagger} so the streams do
   * not move in lock-step. Returns once every started request has ended.
   */
  private List<Sample> closedLoop(Api api, URI target, int concurrency, Duration length, Duration stagger)
      throws InterruptedException {
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    long t0 = System.nanoTime();
    long deadline = t0 + length.toNanos();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        long delay = stagger.toNanos() * i / concurrency;
        exec.submit(
            () -> {
              sleepUntil(t0 + delay);
              while (System.nanoTime() < deadline) {
                samples.add(client.call(api, target));
              }
              return null;
            });
      }
    }
    return new ArrayList<>(samples);
  }

  private Results.Slow slowStreams(GatewayHandle gw) throws InterruptedException, IOException {
    long idleHeap = Proc.heapAfterGc(gw.pid());
    long idleRss = Proc.rssBytes(gw.pid());
    int n = config.slowStreams();
    log("opening %d slow streams over %s (idle heap after GC %.1f MB, RSS %.1f MB)", n, config.slowRamp(), mb(idleHeap), mb(idleRss));
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    AtomicInteger open = new AtomicInteger();
    long t0 = System.nanoTime();
    long heap;
    long rss;
    int held;
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        long delay = config.slowRamp().toNanos() * i / n;
        Api api = i % 2 == 0 ? Api.OPENAI : Api.ANTHROPIC;
        exec.submit(
            () -> {
              sleepUntil(t0 + delay);
              open.incrementAndGet();
              try {
                samples.add(client.call(api, gw.baseUrl));
              } finally {
                open.decrementAndGet();
              }
              return null;
            });
      }
      // measure once every stream is open and has streamed for a while
      sleepUntil(t0 + config.slowRamp().toNanos() + config.slowInterval().toNanos() * Math.min(3, config.slowFrames() - 1));
      held = open.get();
      rss = Proc.rssBytes(gw.pid());
      heap = Proc.heapAfterGc(gw.pid());
      log("%d streams open: heap after GC %.1f MB, RSS %.1f MB", held, mb(heap), mb(rss));
      if (gw.pid() != Proc.self()) {
        // what the open streams keep alive, for docs/BENCHMARKS.md
        String histogram = Proc.jcmd(gw.pid(), "GC.class_histogram");
        List<String> lines = histogram.lines().toList();
        String total = lines.stream().filter(l -> l.startsWith("Total")).findFirst().orElse("");
        log("class histogram (live objects after a full GC): %s", total);
        Files.writeString(
            out.resolve("slow-streams-histogram.txt"),
            String.join("\n", lines.subList(0, Math.min(45, lines.size()))) + "\n...\n" + total + "\n");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> errors =
        samples.stream().filter(s -> s.error() != null).map(Sample::error).distinct().limit(5).toList();
    int errorCount = (int) samples.stream().filter(s -> s.error() != null).count();
    errorCount += n - samples.size();
    log("slow streams done in %.1f s, %d errors %s", seconds, errorCount, errors);
    return new Results.Slow(n, held, errorCount, errors, idleHeap, idleRss, heap, rss, seconds);
  }

  /** Spawn-to-first-answer of the plain jar and, after a training run, with an AOT cache. */
  private Results.Startup startup() throws IOException, InterruptedException {
    if (config.inProcess()) {
      List<Long> t = new ArrayList<>();
      for (int i = 0; i < config.startupRounds(); i++) {
        try (GatewayHandle gw = gateway(realistic, List.of())) {
          t.add(gw.startupNanos());
        }
      }
      return new Results.Startup(t, List.of(), 0, "in-process (smoke run): no jar, no AOT cache");
    }
    Path aot = out.resolve("kiro-gateway.aot").toAbsolutePath();
    Files.deleteIfExists(aot);
    log("training the AOT cache %s", aot);
    try (GatewayHandle gw = gateway(fast, List.of("-XX:AOTCacheOutput=" + aot))) {
      for (Api api : List.of(Api.OPENAI, Api.ANTHROPIC)) {
        closedLoop(api, gw.baseUrl, 4, Duration.ofSeconds(3), Duration.ZERO);
      }
    }
    boolean cached = Files.isRegularFile(aot);
    List<Long> plain = new ArrayList<>();
    List<Long> withCache = new ArrayList<>();
    for (int i = 0; i < config.startupRounds(); i++) {
      try (GatewayHandle gw = gateway(realistic, List.of())) {
        plain.add(gw.startupNanos());
      }
      if (cached) {
        try (GatewayHandle gw = gateway(realistic, List.of("-XX:AOTCache=" + aot))) {
          withCache.add(gw.startupNanos());
        }
      }
    }
    log("startup plain %s ms, AOT cache %s ms", plain.stream().map(LoadBenchmark::ms).toList(), withCache.stream().map(LoadBenchmark::ms).toList());
    return new Results.Startup(
        plain,
        withCache,
        cached ? Files.size(aot) : 0,
        cached ? "-XX:AOTCache (trained with -XX:AOTCacheOutput and 3 s of streaming per API)"
            : "no AOT cache was written (needs JDK 25)");
  }

  private Process startUpstreamJvm() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Upstreams.class.getName(), config.name())
            .redirectErrorStream(true)
            .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("UPSTREAMS ")) {
        String[] u = line.split(" ");
        realistic = URI.create(u[1]);
        fast = URI.create(u[2]);
        slow = URI.create(u[3]);
        Thread.ofPlatform().daemon().start(() -> drain(lines));
        return p;
      }
    }
    throw new IllegalStateException("the upstream JVM ended without reporting its ports");
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // keep the pipe empty
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private Set<Long> pids(GatewayHandle gw) {
    Set<Long> all = new LinkedHashSet<>(otherPids);
    all.add(Proc.self());
    all.add(gw.pid());
    return all;
  }

  private static long cpu(Set<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      sum += Proc.cpuNanos(pid);
    }
    return sum;
  }

  static String machine() {
    String cpu = "unknown CPU";
    long memKb = 0;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          cpu = l.substring(l.indexOf(':') + 1).strip();
          break;
        }
      }
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          memKb = Long.parseLong(l.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep the defaults
    }
    return String.format(
        "%d cores (%s), %.0f GiB RAM, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKb / 1024.0 / 1024.0,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static double mb(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  private static void log(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
    System.out.flush();
  }
}
