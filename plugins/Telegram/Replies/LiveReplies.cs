using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Sending;

namespace PluginBot.Plugins.Telegram.Replies;

/// <summary>Opens live replies and finds them again when someone presses Stop.</summary>
internal sealed class LiveReplies(
    FloodAwareSender sender,
    TelegramBot bot,
    TelegramSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, TelegramLiveReply> _open = new(StringComparer.Ordinal);

    public async Task<ILiveReply> OpenAsync(ChatTarget target, Actor owner, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var useDraft = target.IsPrivate && settings.UseDrafts && bot.DraftsAvailable;
        string stopToken;
        await using (var scope = scopes.CreateAsyncScope())
        {
            stopToken = await scope.ServiceProvider.GetRequiredService<IButtonTokens>()
                .IssueAsync(new StopAnswer.Command(id), owner, TimeSpan.FromDays(1), cancellationToken);
        }

        var reply = new TelegramLiveReply(
            id, target, owner, useDraft, stopToken, sender, bot, settings.Limits, time,
            loggers.CreateLogger<TelegramLiveReply>(), () => _open.TryRemove(id, out _));
        _open[id] = reply;
        reply.Start();
        return reply;
    }

    public long? OwnerOf(string id) => _open.TryGetValue(id, out var reply) ? reply.Owner.Id : null;

    public bool Stop(string id)
    {
        if (!_open.TryGetValue(id, out var reply))
        {
            return false;
        }

        reply.Stop();
        return true;
    }

    /// <summary>The live reply a draft's stop button belongs to (a private chat's draft id).</summary>
    public string? FindByDraft(long chatId, long draftId) =>
        _open.Values.FirstOrDefault(r => r.Target.ChatId == chatId && r.DraftId == draftId)?.Id;
}
