using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Operations;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Operations;
using PluginBot.Plugins.Telegram.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// Starts the transport: learns the bot's name, publishes the command menu, hands the inbox's leftovers to the
/// queues, then receives updates — by long polling, or by registering the webhook the host serves. Errors back off;
/// a server that answers at once never makes it spin; a 409 (another poller, or a webhook) is named plainly.
/// </summary>
internal sealed partial class UpdateReceiver(
    TelegramBot bot,
    TelegramSettings settings,
    CommandMenu menu,
    UpdateQueues queues,
    IServiceScopeFactory scopes,
    TimeProvider time,
    TelegramMetrics metrics,
    ILoopLiveness liveness,
    ILogger<UpdateReceiver> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.StoppedMessageGeneration];

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly ILogger<UpdateReceiver> _logger = logger;
    private readonly TaskCompletionSource _scanned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Whatever fails, the bot must not go deaf: an unexpected error restarts reception after a pause.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReceiveAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogReceiverFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        await RetryAsync("identify the bot (getMe)", async ct =>
        {
            var me = await bot.IdentifyAsync(ct);
            LogConnected(me.Username ?? me.FirstName, settings.WebhookUrl is null ? "long polling" : "webhook");
        }, stoppingToken);

        // The menu is a convenience: failing to publish it must not hold up updates.
        try
        {
            await menu.PublishAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepFailed("publish the command menu (setMyCommands)", ex.Message);
        }

        // Updates left in the inbox (a crash, or webhook deliveries that came before the bot knew its name) are queued
        // before any new one, so each chat keeps its order; new deliveries wait for this.
        IReadOnlyList<Update> pending = [];
        await RetryAsync("read the update inbox", async ct => pending = await WithInboxAsync((inbox, c) => inbox.PendingAsync(c), ct), stoppingToken, callsTelegram: false);
        foreach (var update in pending)
        {
            queues.Enqueue(update);
        }

        _scanned.TrySetResult();

        if (settings.WebhookUrl is { } url)
        {
            await RetryAsync("register the webhook (setWebhook)", ct =>
                bot.Client.SetWebhook(url.ToString(), allowedUpdates: AllowedUpdates, secretToken: settings.WebhookSecret, cancellationToken: ct), stoppingToken);
            return; // updates now arrive at the webhook endpoint
        }

        await RetryAsync("switch off any webhook (deleteWebhook)", ct => bot.Client.DeleteWebhook(cancellationToken: ct), stoppingToken);
        await PollAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await queues.StopAsync().WaitAsync(cancellationToken);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        int? offset = null;
        await RetryAsync("read the polling offset", async ct => offset = await WithInboxAsync((inbox, c) => inbox.NextOffsetAsync(c), ct), stoppingToken, callsTelegram: false);
        var failures = 0;
        using var beat = liveness.Register("telegram:updates", settings.PollTimeout + MaxBackoff + TimeSpan.FromMinutes(2)); // a poll waits, a failure backs off
        while (!stoppingToken.IsCancellationRequested)
        {
            beat.Beat();
            var started = time.GetUtcNow();
            try
            {
                var updates = await bot.Client.GetUpdates(offset, 100, (int)settings.PollTimeout.TotalSeconds, AllowedUpdates, stoppingToken);
                (failures, bot.LastContact, bot.LastError) = (0, time.GetUtcNow(), null);
                if (updates.Length > 0)
                {
                    if (await TryAcceptAsync(updates, stoppingToken))
                    {
                        offset = updates.Max(u => u.Id) + 1;
                    }

                    continue;
                }

                var early = settings.MinEmptyPollInterval - (time.GetUtcNow() - started);
                if (early > TimeSpan.Zero)
                {
                    await Task.Delay(early, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = Describe(ex, failures);
                await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stores updates (with the new offset when polled) before anything handles them, then queues the new ones.</summary>
    public async Task AcceptAsync(IReadOnlyList<Update> updates, bool polled, CancellationToken cancellationToken)
    {
        var fresh = await WithInboxAsync((inbox, ct) => inbox.AddAsync(updates, ct, polled), cancellationToken);
        metrics.Received(fresh.Count, polled);
        await _scanned.Task.WaitAsync(cancellationToken); // older leftovers first; duplicates are dropped by the queues
        foreach (var update in fresh)
        {
            queues.Enqueue(update);
        }
    }

    /// <summary>
    /// A database hiccup is not Telegram's fault: the same updates are fetched again a second later (the offset did
    /// not move), without growing the polling back-off.
    /// </summary>
    private async Task<bool> TryAcceptAsync(Update[] updates, CancellationToken stoppingToken)
    {
        try
        {
            await AcceptAsync(updates, polled: true, stoppingToken);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogStoreFailed(ex, updates.Length);
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            return false;
        }
    }

    private TimeSpan Describe(Exception ex, int failures)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 6))));
        bot.LastError = ex.Message;
        switch (ex)
        {
            case ApiRequestException { ErrorCode: 409 }:
                LogConflict(backoff.TotalSeconds);
                break;
            case ApiRequestException { ErrorCode: 401 or 404 }:
                LogTokenRejected(ex.Message);
                return MaxBackoff;
            case ApiRequestException { ErrorCode: 429 } flood:
                return TimeSpan.FromSeconds(Math.Max(1, flood.Parameters?.RetryAfter ?? 1));
            default:
                LogPollFailed(ex.GetType().Name, ex.Message, backoff.TotalSeconds);
                break;
        }

        return backoff;
    }

    private async Task RetryAsync(string what, Func<CancellationToken, Task> step, CancellationToken stoppingToken, bool callsTelegram = true)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await step(stoppingToken);
                if (callsTelegram)
                {
                    bot.LastContact = time.GetUtcNow();
                }

                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStepFailed(what, ex.Message);
                var wait = callsTelegram ? Describe(ex, failures) : TimeSpan.FromSeconds(Math.Min(30, failures));
                await Task.Delay(wait, time, stoppingToken);
            }
        }
    }

    private async Task<T> WithInboxAsync<T>(Func<UpdateInbox, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UpdateInbox>(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram: receiving updates failed unexpectedly; starting again in 5 s")]
    private partial void LogReceiverFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: connected as @{Username}, receiving updates by {Mode}")]
    private partial void LogConnected(string username, string mode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram answered 409 Conflict to getUpdates: another instance is polling with this bot token (or a webhook is set). Run only one instance per token; retrying in {Seconds} s")]
    private partial void LogConflict(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram rejected the bot token ({Reason}): check TELEGRAM_BOT_TOKEN, or revoke and copy it again from @BotFather")]
    private partial void LogTokenRejected(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Telegram failed ({Error}: {Reason}); retrying in {Seconds} s")]
    private partial void LogPollFailed(string error, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} received updates could not be stored in the inbox; fetching them again")]
    private partial void LogStoreFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not {What}: {Reason}")]
    private partial void LogStepFailed(string what, string reason);
}
