using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Models;
using PluginBot.Plugins.Models.Resolution;
using PluginBot.Plugins.Models.Routing;
using PluginBot.Plugins.Models.Usage;

namespace PluginBot.Benchmarks;

/// <summary>
/// The time each streamed chunk spends in the layers above the SDK's <c>IChatClient</c>. A stamping layer sits
/// right on top of the SDK's adapter and records when it is asked for the next update and when the SDK hands it
/// over; the reader records when it asks and when it gets the update. Per chunk, the time in the layers above is
/// (layer asked − reader asked) + (reader got − SDK handed over): the way down and the way back up, without the
/// wait for the network. Raw path: reader → stamping layer → SDK (measures the stamping layer itself). Router
/// path: reader → RoutedChatClient → the plugin's EndpointChatClient → stamping layer → SDK. Runs alternate
/// raw, raw with a cancellable token, router, and again, each reading its own 1,000-chunk answer.
/// </summary>
internal static class StreamLatencyHarness
{
    public const string Flag = "--stream-latency";
    private const int WarmUpRuns = 5;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(int runs)
    {
        await using var rig = await StreamingRig.StartAsync();
        await rig.VerifyAsync();
        await rig.WarmUpAsync(WarmUp);
        var clock = new ChunkClock();
        var raw = new StampingChatClient(rig.CreateRawClient(), clock);
        var router = StampedRouter(rig, clock);

        var samples = new Dictionary<string, Samples> { ["raw"] = new(), ["raw+ct"] = new(), ["router"] = new() };
        var paths = new (string Name, Func<Task<IChatClient>> Client, CancellationToken Token)[]
        {
            ("raw", () => Task.FromResult<IChatClient>(raw), CancellationToken.None),
            ("raw+ct", () => Task.FromResult<IChatClient>(raw), rig.Cancellable),
            ("router", async () => (await router.ResolveAsync(StreamingRig.RoutedModel, rig.Context)).Client, CancellationToken.None),
        };
        for (var run = -WarmUpRuns; run < runs; run++)
        {
            foreach (var (name, client, token) in paths)
            {
                var started = Stopwatch.GetTimestamp();
                await ReadAsync(await client(), rig.Messages, clock, token);
                var total = Stopwatch.GetElapsedTime(started);
                if (run >= 0)
                {
                    samples[name].Add(clock, total);
                }
            }
        }

        var n = samples["raw"].PerChunk.Count;
        Console.WriteLine(FormattableString.Invariant(
            $"Per-chunk time above the SDK's IChatClient, {runs} runs × {StreamingRig.Chunks:N0} chunks per path ({n:N0} chunks each; first update and end of stream excluded), alternating"));
        Console.WriteLine(FormattableString.Invariant($"{"path",-8} {"p50 µs",9} {"p90 µs",9} {"p99 µs",9} {"max µs",9} {"call set-up µs",15} {"first update ms",16} {"end of stream µs",17} {"whole stream ms",16} {"median ms",10}"));
        foreach (var (name, s) in samples)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{name,-8} {s.Quantile(0.50),9:0.0} {s.Quantile(0.90),9:0.0} {s.Quantile(0.99),9:0.0} {s.Quantile(1),9:0.0} {s.SetUp.Average(),15:0.0} {s.First.Average(),16:0.00} {s.End.Average(),17:0.0} {s.Total.Average(),16:0.00} {Median(s.Total),10:0.00}"));
        }

        var r = samples["router"];
        var b = samples["raw"];
        Console.WriteLine(FormattableString.Invariant(
            $"{"added",-8} {r.Quantile(0.50) - b.Quantile(0.50),9:0.0} {r.Quantile(0.90) - b.Quantile(0.90),9:0.0} {r.Quantile(0.99) - b.Quantile(0.99),9:0.0} {"",9} {r.SetUp.Average() - b.SetUp.Average(),15:0.0} {r.First.Average() - b.First.Average(),16:0.00} {r.End.Average() - b.End.Average(),17:0.0} {r.Total.Average() - b.Total.Average(),16:0.00} {Median(r.Total) - Median(b.Total),10:0.00}"));
        var c = samples["raw+ct"];
        Console.WriteLine(FormattableString.Invariant(
            $"whole streams, ratio of medians of {runs}: router / raw = {Median(r.Total) / Median(b.Total):0.000}, raw+ct / raw = {Median(c.Total) / Median(b.Total):0.000}, router / raw+ct = {Median(r.Total) / Median(c.Total):0.000}"));
        return 0;
    }

    /// <summary>
    /// The Models plugin's router over the same endpoint, built from the same settings (the host's copy lives in the
    /// plugin's load context), except that the plugin's client has the stamping layer inserted between its
    /// <c>EndpointChatClient</c> and the SDK adapter it wraps.
    /// </summary>
    private static ModelRouter StampedRouter(StreamingRig rig, ChunkClock clock)
    {
        var services = rig.Scope.ServiceProvider;
        var configuration = services.GetRequiredService<IConfiguration>();
        var settings = ModelsSettings.Load(configuration.GetSection("Plugins:Models"), configuration.GetSection(ModelsSettings.LegacySection));
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var runtime = new LlmRuntime(settings, scopes, new UsagePublisher(services.GetRequiredService<IRequestSender>()), new EndpointConcurrency(settings), TimeProvider.System, NullLogger.Instance);
        var endpoints = services.GetServices<ILlmEndpoint>().Select(e => (ILlmEndpoint)new StampedEndpoint(e, clock));
        return new ModelRouter(new LlmEndpoints(endpoints, settings), services.GetRequiredService<ISettingsStore>(), runtime);
    }

    private static async Task ReadAsync(IChatClient client, IReadOnlyList<ChatMessage> messages, ChunkClock clock, CancellationToken cancellationToken)
    {
        clock.Reset();
        // The first step starts before the call: SDK adapters convert the request eagerly, the router lazily.
        var asked = Stopwatch.GetTimestamp();
        await using var updates = client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        for (var first = true; ; first = false)
        {
            asked = first ? asked : Stopwatch.GetTimestamp();
            var more = await updates.MoveNextAsync();
            clock.ReaderGot(asked, Stopwatch.GetTimestamp());
            if (!more)
            {
                break;
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The four timestamps of every update of one stream.</summary>
    private sealed class ChunkClock
    {
        private const int Capacity = StreamingRig.Chunks + 16;

        public long[] ReaderAsked { get; } = new long[Capacity];

        public long[] ReaderReceived { get; } = new long[Capacity];

        public long[] LayerAsked { get; } = new long[Capacity];

        public long[] SdkHanded { get; } = new long[Capacity];

        public int Reader { get; private set; }

        public int Layer { get; private set; }

        public void Reset() => (Reader, Layer) = (0, 0);

        public void ReaderGot(long asked, long received)
        {
            (ReaderAsked[Reader], ReaderReceived[Reader]) = (asked, received);
            Reader++;
        }

        public void LayerGot(long asked, long handed)
        {
            (LayerAsked[Layer], SdkHanded[Layer]) = (asked, handed);
            Layer++;
        }
    }

    private sealed class Samples
    {
        public List<double> PerChunk { get; } = [];

        public List<double> First { get; } = [];

        public List<double> SetUp { get; } = [];

        public List<double> End { get; } = [];

        public List<double> Total { get; } = [];

        public void Add(ChunkClock clock, TimeSpan total)
        {
            if (clock.Reader != clock.Layer)
            {
                throw new InvalidOperationException($"The reader saw {clock.Reader} steps and the stamping layer {clock.Layer}: the layers do not map one to one.");
            }

            double Above(int i) => Micros((clock.LayerAsked[i] - clock.ReaderAsked[i]) + (clock.ReaderReceived[i] - clock.SdkHanded[i]));
            First.Add(Micros(clock.ReaderReceived[0] - clock.ReaderAsked[0]) / 1000);
            SetUp.Add(Micros(clock.LayerAsked[0] - clock.ReaderAsked[0]));
            End.Add(Above(clock.Reader - 1));
            for (var i = 1; i < clock.Reader - 1; i++)
            {
                PerChunk.Add(Above(i));
            }

            Total.Add(total.TotalMilliseconds);
        }

        /// <summary>Nearest rank.</summary>
        public double Quantile(double q)
        {
            var sorted = PerChunk.Order().ToList();
            return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
        }
    }

    /// <summary>The plugin's endpoint, with the stamping layer under its client's own wrapper.</summary>
    private sealed class StampedEndpoint(ILlmEndpoint inner, ChunkClock clock) : ILlmEndpoint
    {
        private static readonly PropertyInfo InnerClient = typeof(DelegatingChatClient).GetProperty("InnerClient", BindingFlags.Instance | BindingFlags.NonPublic)!;

        public string Name => inner.Name;

        public string Kind => inner.Kind;

        public string? DefaultModel => inner.DefaultModel;

        public bool IsLocal => inner.IsLocal;

        public IChatClient CreateClient(string model)
        {
            // The plugin's client is EndpointChatClient(sdkClient, model): rebuild it around the stamped SDK client.
            var wrapper = inner.CreateClient(model) as DelegatingChatClient
                ?? throw new InvalidOperationException("The endpoint's client is not a DelegatingChatClient around the SDK's client.");
            var sdk = (IChatClient)InnerClient.GetValue(wrapper)!;
            return (IChatClient)Activator.CreateInstance(wrapper.GetType(), new StampingChatClient(sdk, clock), model)!;
        }

        public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) => inner.ListModelsAsync(cancellationToken);

        public Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken) => inner.CheckReadyAsync(cancellationToken);

        public LlmFailure Classify(Exception exception) => inner.Classify(exception);
    }

    /// <summary>Records, for every step of the stream, when it is asked for the next update and when the SDK hands it over.</summary>
    private sealed class StampingChatClient(IChatClient inner, ChunkClock clock) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            new Stream(inner.GetStreamingResponseAsync(messages, options, cancellationToken), clock);

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose() => inner.Dispose();

        private sealed class Stream(IAsyncEnumerable<ChatResponseUpdate> inner, ChunkClock clock) : IAsyncEnumerable<ChatResponseUpdate>
        {
            public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
                new Enumerator(inner.GetAsyncEnumerator(cancellationToken), clock);
        }

        private sealed class Enumerator(IAsyncEnumerator<ChatResponseUpdate> inner, ChunkClock clock) : IAsyncEnumerator<ChatResponseUpdate>
        {
            public ChatResponseUpdate Current => inner.Current;

            public async ValueTask<bool> MoveNextAsync()
            {
                var asked = Stopwatch.GetTimestamp();
                var more = await inner.MoveNextAsync();
                clock.LayerGot(asked, Stopwatch.GetTimestamp());
                return more;
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
