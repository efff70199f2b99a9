using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Benchmarks;

/// <summary>
/// A burst of messages to private chats and groups through the host's <see cref="IMessenger"/>, so through the
/// plugin's real flood-aware sender and its default spacings, against the fake enforcing Telegram's limits with 429s.
/// Both sides' time is divided by the same factor so that the run takes seconds, not minutes; the ratio of delivered
/// to allowed rate does not depend on it.
/// </summary>
internal static class TelegramBurst
{
    private const int PrivateChats = 5;
    private const int Groups = 5;

    // The plugin's default spacings (SendLimits), a tenth wider than Telegram's limits: 1.1 s per private chat,
    // 3.3 s per group, 1.1/30 s between any two calls.
    private const double PrivateSpacingMs = 1100;
    private const double GroupSpacingMs = 3300;
    private const double GlobalSpacingMs = 1100.0 / 30;

    /// <param name="marginPercent">Spaces the plugin's sends this much wider than its defaults (0: the defaults).</param>
    public static async Task RunAsync(int messages, int scale, int marginPercent)
    {
        // The fake's defaults are Telegram's limits: 3 in 3 s per private chat, 20 a minute per group, 30 a second in all.
        var real = new FloodLimits();
        var limits = real with
        {
            PrivateChat = real.PrivateChat with { Window = real.PrivateChat.Window / scale },
            GroupChat = real.GroupChat with { Window = real.GroupChat.Window / scale },
            Global = real.Global with { Window = real.Global.Window / scale },
        };
        var spacings = new Dictionary<string, string>
        {
            ["Limits:PrivateChatSpacingMs"] = Invariant(PrivateSpacingMs * (1 + (marginPercent / 100.0)) / scale),
            ["Limits:GroupSpacingMs"] = Invariant(GroupSpacingMs * (1 + (marginPercent / 100.0)) / scale),
            ["Limits:GlobalSpacingMs"] = Invariant(GlobalSpacingMs * (1 + (marginPercent / 100.0)) / scale),
        };

        await using var rig = await TelegramLoadRig.StartAsync(limits, spacings);
        var privates = BenchHost.UserIds.Take(PrivateChats).ToArray();
        var groups = Enumerable.Range(1, Groups).Select(i => -1_001_000_000_000L - i).ToArray();
        foreach (var group in groups)
        {
            rig.Fake.AddGroup(group, $"Load group {-group}");
        }

        // A private chat exists for the bot once its user wrote in it; then let every flood window empty.
        foreach (var user in privates)
        {
            await rig.WhoAmIAsync(user);
        }

        await Task.Delay(real.PrivateChat.Window / scale * 2);
        var deliveries = new ConcurrentQueue<(long Chat, long At)>();
        rig.Observer = (message, at) =>
        {
            if (message.Text.StartsWith("burst ", StringComparison.Ordinal))
            {
                deliveries.Enqueue((message.ChatId, at));
            }
        };
        var floodAnswersBefore = rig.Fake.TooManyRequestsAnswered;
        var messenger = rig.Host.Services.GetRequiredService<IMessenger>();
        long[] chats = [.. privates, .. groups];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, messages).Select(async i =>
        {
            var chat = chats[i % chats.Length].ToString(CultureInfo.InvariantCulture);
            try
            {
                await messenger.SendAsync(new ConversationReference("telegram", chat), Reply.Plain($"burst {i}"));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failures);
            }
        }));
        rig.Observer = null;
        var floodAnswers = rig.Fake.TooManyRequestsAnswered - floodAnswersBefore;

        // Seconds in Telegram's time (the measured ones times the factor).
        double Real(long ticks) => (double)ticks / Stopwatch.Frequency * scale;
        var perChat = deliveries.GroupBy(d => d.Chat).ToDictionary(g => g.Key, g => g.Select(d => d.At).Order().ToArray());
        var allowedPerChat = new Dictionary<bool, double>
        {
            [true] = real.PrivateChat.Count / real.PrivateChat.Window.TotalSeconds,
            [false] = real.GroupChat.Count / real.GroupChat.Window.TotalSeconds,
        };

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Burst: {messages:N0} messages to {PrivateChats} private chats and {Groups} groups at once, Telegram's limits and the plugin's default spacings{(marginPercent == 0 ? "" : $" + {marginPercent}%")}, time scaled by 1/{scale} (rates below in Telegram's time)"));
        var attempts = BurstAttempts(rig.Fake);
        Console.WriteLine(FormattableString.Invariant($"{"chats",-16} {"messages",9} {"delivered/s per chat",21} {"allowed/s per chat",19} {"ratio",6} {"429s",5}"));
        foreach (var (kind, ids) in new[] { ("private", privates), ("group", groups) })
        {
            var rates = ids.Select(id => perChat.TryGetValue(id, out var at) && at.Length > 1 ? (at.Length - 1) / Real(at[^1] - at[0]) : 0).ToArray();
            var allowed = allowedPerChat[kind == "private"];
            var count = ids.Sum(id => perChat.GetValueOrDefault(id)?.Length ?? 0);
            Console.WriteLine(FormattableString.Invariant(
                $"{ids.Length + " " + kind,-16} {count,9} {rates.Average(),21:0.000} {allowed,19:0.000} {rates.Average() / allowed,6:0.000} {ids.Sum(id => attempts.GetValueOrDefault(id)) - count,5}  (per chat: {string.Join(", ", rates.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))})"));
        }

        // The least time the limits allow: every chat's messages one allowed interval apart from the start.
        var allowedSeconds = chats.Max(id => (perChat.GetValueOrDefault(id)?.Length - 1 ?? 0) / allowedPerChat[id > 0]);
        var delivered = deliveries.Count;
        var lastAt = deliveries.IsEmpty ? started : deliveries.Max(d => d.At);
        var actualSeconds = Real(lastAt - started);
        Console.WriteLine(FormattableString.Invariant(
            $"all: {delivered:N0} delivered in {actualSeconds:0.0} s = {delivered / actualSeconds:0.00}/s; the limits allow {allowedSeconds:0.0} s = {delivered / allowedSeconds:0.00}/s; ratio {allowedSeconds / actualSeconds:0.000}"));
        var first = perChat.Count == 0 ? double.NaN : Real(perChat.Values.Min(a => a[0]) - started) * 1000 / scale;
        Console.WriteLine(FormattableString.Invariant(
            $"429 answers: {floodAnswers}; failed sends: {failures}; first delivery after {first:0.0} ms (wall clock)"));
    }

    /// <summary>The burst's sendMessage calls per chat, as the fake received them (accepted or answered 429).</summary>
    private static Dictionary<long, int> BurstAttempts(FakeTelegramServer fake) =>
        fake.Requests
            .Where(r => r.Path.EndsWith("/sendMessage", StringComparison.OrdinalIgnoreCase))
            .Select(r => JsonNode.Parse(r.Body))
            .Where(body => body?["text"]?.GetValue<string>().StartsWith("burst ", StringComparison.Ordinal) == true)
            .GroupBy(body => body!["chat_id"]!.GetValue<long>())
            .ToDictionary(g => g.Key, g => g.Count());

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
