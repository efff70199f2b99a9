using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Plugins.Telegram;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Replies;
using PluginBot.Plugins.Telegram.Sending;

namespace PluginBot.Benchmarks;

/// <summary>
/// One 4,000-token answer handed to Telegram's live reply the way Chat's answer loop hands it, token by token. The
/// reply's pump is not started, so no frame is shown and nothing goes over the network: the row is what the answer
/// costs per token on the way to the transport, which grows with the answer's length when every token carries the
/// whole text so far (host API 1.x; figures in docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class LiveReplyBenchmarks : IDisposable
{
    public const int Tokens = 4000;

    private readonly TelegramSettings _settings = new() { BotToken = "123456:bench-token", ApiUrl = "http://127.0.0.1:9" };
    private string[] _tokens = [];
    private TelegramBot _bot = null!;
    private FloodAwareSender _sender = null!;

    [GlobalSetup]
    public void Setup()
    {
        // About five characters a token, as English prose has.
        _tokens = [.. Enumerable.Range(0, Tokens).Select(i => i % 12 == 11 ? "word.\n" : "word ")];
        _bot = new TelegramBot(_settings);
        _sender = new FloodAwareSender(_bot, new SendSchedule(_settings.Limits, TimeProvider.System), TimeProvider.System, NullLogger<FloodAwareSender>.Instance);
    }

    [Benchmark(Description = "4,000-token answer into TelegramLiveReply")]
    public async Task<int> Answer()
    {
        await using var live = new TelegramLiveReply(
            "bench", new ChatTarget(42, null), new Actor(42, ActorKind.User, "bench"), useDraft: true, "stop", _sender, _bot,
            _settings.Limits, TimeProvider.System, NullLogger.Instance, () => { });
        var shown = new StringBuilder();
        foreach (var token in _tokens)
        {
            shown.Append(token); // Chat keeps the answer to store it
            await live.AppendAsync(token);
        }

        return shown.Length;
    }

    public void Dispose()
    {
        _bot?.Dispose();
        GC.SuppressFinalize(this);
    }
}
