using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Benchmarks;

/// <summary>
/// A <see cref="FakeTelegramServer"/> on 127.0.0.1 and the real host started against it, with the real Telegram plugin
/// copied from <c>artifacts/plugins/&lt;Configuration&gt;/Telegram</c> and long polling the fake. Every bot message the
/// fake accepts is timed with <see cref="Stopwatch"/> on the request's thread, so a reply's arrival and the user's
/// enqueue are on one clock.
/// </summary>
internal sealed class TelegramLoadRig : IAsyncDisposable
{
    /// <summary>How long any one reply may take before the run is declared broken.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _waiting = new();

    private TelegramLoadRig(FakeTelegramServer fake, BenchHost host)
    {
        Fake = fake;
        Host = host;
        Fake.BotMessageSent += OnSent;
    }

    public FakeTelegramServer Fake { get; }

    public BenchHost Host { get; }

    /// <summary>Called with every accepted bot message and its arrival timestamp (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public Action<FakeSentMessage, long>? Observer { get; set; }

    /// <summary>Starts the fake with <paramref name="limits"/> and the host with the plugin settings in <paramref name="telegram"/> (keys under <c>Plugins:Telegram:</c>).</summary>
    public static async Task<TelegramLoadRig> StartAsync(FloodLimits limits, IReadOnlyDictionary<string, string> telegram)
    {
        // The long poll waits up to 10 s, so the bot is always parked in getUpdates when a user writes.
        var fake = new FakeTelegramServer { Limits = limits, MaxLongPoll = TimeSpan.FromSeconds(10) };
        await fake.StartAsync();
        var root = BenchHost.CreateRoot();
        var plugins = Path.Combine(root, "plugins");
        StreamingRig.CopyFolder(Path.Combine(StreamingRig.PluginStagingFolder, "Telegram"), Path.Combine(plugins, "Telegram"));
        var configuration = new Dictionary<string, string?>
        {
            ["Plugins:Telegram:BotToken"] = fake.Token,
            ["Plugins:Telegram:ApiUrl"] = fake.ApiUrl,
            ["Plugins:Telegram:PollTimeoutSeconds"] = "10",
            // The burst counts 429s itself; a warning line per 429 would only flood the console.
            ["Logging:LogLevel:PluginBot.Plugins.Telegram.Sending.FloodAwareSender"] = "Error",
        };
        foreach (var (key, value) in telegram)
        {
            configuration["Plugins:Telegram:" + key] = value;
        }

        var host = await BenchHost.BuildAsync(root, plugins, configuration: configuration);
        var plugin = host.Services.GetRequiredService<PluginCatalog>().Plugins.SingleOrDefault(p => p.Manifest.Id == "telegram");
        if (plugin?.Status != PluginStatus.Active)
        {
            await host.DisposeAsync();
            await fake.DisposeAsync();
            throw new InvalidOperationException($"The Telegram plugin is {plugin?.Status.ToString() ?? "missing"}: {plugin?.Reason}");
        }

        // Starts the hosted services: the plugin's receiver identifies the bot and begins long polling.
        await host.App.StartAsync();
        return new TelegramLoadRig(fake, host);
    }

    /// <summary>The user (in their private chat) sends <c>/whoami</c>; returns the ticks from the enqueue to the reply's arrival.</summary>
    public async Task<long> WhoAmIAsync(long userId)
    {
        var reply = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(userId, reply))
        {
            throw new InvalidOperationException($"User {userId} is already waiting for a reply.");
        }

        // SendCommand queues the update before it returns: this is the moment the user's message is in the fake.
        var sent = Stopwatch.GetTimestamp();
        Fake.SendCommand(userId, userId, "whoami");
        return await reply.Task.WaitAsync(ReplyTimeout) - sent;
    }

    public async ValueTask DisposeAsync()
    {
        Fake.BotMessageSent -= OnSent;
        await Host.App.StopAsync();
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private void OnSent(FakeSentMessage message)
    {
        var at = Stopwatch.GetTimestamp();
        Observer?.Invoke(message, at);
        if (!_waiting.TryRemove(message.ChatId, out var reply))
        {
            return;
        }

        var expected = string.Create(CultureInfo.InvariantCulture, $"You are {message.ChatId} on telegram");
        if (!message.Text.StartsWith(expected, StringComparison.Ordinal))
        {
            reply.TrySetException(new InvalidOperationException($"Chat {message.ChatId} got \"{message.Text}\" instead of the /whoami answer."));
            return;
        }

        reply.TrySetResult(at);
    }
}
