using System.Diagnostics;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Benchmarks;

/// <summary>
/// Load on the whole Telegram chain: the fake's long poll → the plugin's inbox → per-conversation queues → the kernel's
/// dispatcher and pipeline → the reply through the flood-aware sender → the fake's sendMessage. Simulated users in
/// private chats send <c>/whoami</c> (a kernel command, no LLM) in a closed loop: each waits for the bot's reply
/// before writing again. Latency is from the user's message being queued in the fake to the reply arriving there.
/// Flood limits are off on both sides here, so what is measured is the chain, not the rate limits; the burst
/// (<see cref="TelegramBurst"/>) measures the limits.
/// </summary>
internal static class TelegramLoadHarness
{
    public const string Flag = "--telegram-load";
    private const int Chats = 100;
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(50);

    private static readonly Dictionary<string, string> NoSpacing = new()
    {
        ["Limits:PrivateChatSpacingMs"] = "0",
        ["Limits:GroupSpacingMs"] = "0",
        ["Limits:GlobalSpacingMs"] = "0",
    };

    public static async Task<int> RunAsync(int commandsPerChat, int singleChatCommands, int burstMessages, int scale, int marginPercent, bool burstOnly)
    {
        if (burstOnly)
        {
            await TelegramBurst.RunAsync(burstMessages, scale, marginPercent);
            return 0;
        }

        var rows = new List<Row>();
        Row? queued0 = null, queued50 = null;
        await using (var rig = await TelegramLoadRig.StartAsync(new FloodLimits { Enabled = false }, NoSpacing))
        {
            await WarmUpAsync(rig);
            rows.Add(await MeasureAsync(rig, "1 chat", 1, singleChatCommands, TimeSpan.Zero));
            rows.Add(await MeasureAsync(rig, "1 chat", 1, singleChatCommands / 2, RoundTrip));
            rows.Add(queued0 = await MeasureAsync(rig, $"{Chats} chats", Chats, commandsPerChat, TimeSpan.Zero));
            rows.Add(queued50 = await MeasureAsync(rig, $"{Chats} chats", Chats, commandsPerChat, RoundTrip));
        }

        Row locked0, locked50;
        var oneAtATime = new Dictionary<string, string>(NoSpacing) { ["MaxConcurrentConversations"] = "1" };
        await using (var rig = await TelegramLoadRig.StartAsync(new FloodLimits { Enabled = false }, oneAtATime))
        {
            await WarmUpAsync(rig);
            rows.Add(locked0 = await MeasureAsync(rig, $"{Chats} chats, global lock", Chats, commandsPerChat, TimeSpan.Zero));
            rows.Add(locked50 = await MeasureAsync(rig, $"{Chats} chats, global lock", Chats, commandsPerChat, RoundTrip));
        }

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"/whoami, closed loop (each user waits for the reply), flood limits off, spacings 0; latency = user's message queued in the fake → reply at the fake"));
        Console.WriteLine(FormattableString.Invariant($"{"case",-26} {"sendMessage",12} {"updates",8} {"updates/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8}"));
        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{row.Name,-26} {row.Delay.TotalMilliseconds + " ms",12} {row.Latencies.Length,8} {row.PerSecond,10:0} {row.Quantile(0.50),8:0.0} {row.Quantile(0.90),8:0.0} {row.Quantile(0.99),8:0.0} {row.Quantile(1),8:0.0}"));
        }

        Console.WriteLine();
        Console.WriteLine($"{Chats} chats, per-conversation queues (MaxConcurrentConversations 32) vs one conversation at a time (1):");
        foreach (var (queued, locked) in new[] { (queued0, locked0), (queued50, locked50) })
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  sendMessage {queued.Delay.TotalMilliseconds} ms: throughput ×{queued.PerSecond / locked.PerSecond:0.0}, p99 ÷{locked.Quantile(0.99) / queued.Quantile(0.99):0.0}, p50 ÷{locked.Quantile(0.50) / queued.Quantile(0.50):0.0}"));
        }

        await TelegramBurst.RunAsync(burstMessages, scale, marginPercent);
        return 0;
    }

    /// <summary>Every path once with every user, so that what is measured is tier-1 code with warm caches.</summary>
    private static async Task WarmUpAsync(TelegramLoadRig rig)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await MeasureAsync(rig, "warm-up", Chats, 2, TimeSpan.Zero);
        }
    }

    private static async Task<Row> MeasureAsync(TelegramLoadRig rig, string name, int chats, int commands, TimeSpan delay)
    {
        rig.Fake.ResponseDelay = delay;
        var latencies = new long[chats * commands];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(BenchHost.UserIds.Take(chats).Select((user, chat) => Task.Run(async () =>
        {
            for (var i = 0; i < commands; i++)
            {
                latencies[(chat * commands) + i] = await rig.WhoAmIAsync(user);
            }
        })));
        var row = new Row(name, delay, latencies, Stopwatch.GetElapsedTime(started));
        rig.Fake.ResponseDelay = TimeSpan.Zero;
        if (name != "warm-up")
        {
            // A chat's first command waits for a free slot; later ones find their conversation still holding one.
            var first = Row.Percentile([.. latencies.Where((_, i) => i % commands == 0)], 0.99);
            var later = commands > 1 ? Row.Percentile([.. latencies.Where((_, i) => i % commands != 0)], 0.99) : double.NaN;
            Console.WriteLine(FormattableString.Invariant(
                $"  {name}, sendMessage {delay.TotalMilliseconds} ms: {row.Latencies.Length} updates in {row.Elapsed.TotalSeconds:0.00} s; p99 of each chat's first command {first:0.0} ms, of the later ones {later:0.0} ms"));
        }

        return row;
    }

    private sealed class Row(string name, TimeSpan delay, long[] ticks, TimeSpan elapsed)
    {
        public string Name { get; } = name;

        public TimeSpan Delay { get; } = delay;

        public double[] Latencies { get; } = [.. ticks.Select(Milliseconds).Order()];

        public TimeSpan Elapsed { get; } = elapsed;

        public double PerSecond => Latencies.Length / Elapsed.TotalSeconds;

        public double Quantile(double q) => Rank(Latencies, q);

        /// <summary>The <paramref name="q"/> quantile in milliseconds of Stopwatch tick counts.</summary>
        public static double Percentile(long[] ticks, double q) => Rank([.. ticks.Select(Milliseconds).Order()], q);

        private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        /// <summary>Nearest rank.</summary>
        private static double Rank(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
